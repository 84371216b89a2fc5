import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { padSeedUpdate, seedPad } from "~/modules/sessions/pad-seed";
import { padSetupFor } from "~/modules/sessions/pad-setup";
import { setupFreshDatabase } from "../support/database";
import {
  bookPadSession,
  openPad,
  type PadClient,
  padToken,
  type RunningRealtime,
  startRealtime,
  waitFor,
} from "../support/realtime";

// The round's notes template goes into the shared pad once, through the real realtime
// server, even when both people open an empty pad at the same moment and each browser
// seeds it as soon as it has synced (what the room's pad does).

setupFreshDatabase();

let server: RunningRealtime;
const clients: PadClient[] = [];

beforeAll(async () => {
  server = await startRealtime();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.stop();
});

/** A participant's pad that seeds the template once synced, like the room's. */
function openSeedingPad(
  sessionId: string,
  userId: string,
  template: ReturnType<typeof padSetupFor>,
) {
  const client = openPad(server.url, sessionId, padToken({ sub: userId, sid: sessionId }));
  client.provider.on("synced", ({ state }: { state: boolean }) => {
    if (state) seedPad(client.doc, template);
  });
  clients.push(client);
  return client;
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe("the pad's notes template", () => {
  it("is seeded once when both people open an empty pad together", async () => {
    const setup = padSetupFor("behavioral");
    for (let round = 0; round < 3; round++) {
      const session = await bookPadSession(`Seed ${round}`, 24 + round * 4);
      const [a, b] = [
        openSeedingPad(session.sessionId, session.candidateId, setup),
        openSeedingPad(session.sessionId, session.interviewerId, setup),
      ];
      await waitFor(
        () =>
          a.text.length > 0 &&
          a.text.toString() === b.text.toString() &&
          a.doc.getMap("meta").get("language") === "text",
        "both pads to hold the template",
      );
      // Let any late duplicate arrive before judging.
      b.text.insert(b.text.length, "\nnotes from b");
      await waitFor(() => a.text.toString().includes("notes from b"), "b's edit at a");
      expect(occurrences(a.text.toString(), "Behavioral round notes")).toBe(1);
      expect(b.doc.getMap("meta").get("language")).toBe("text");

      // Someone joining later, after edits, adds nothing.
      const late = openSeedingPad(session.sessionId, session.candidateId, setup);
      await waitFor(() => late.text.toString() === a.text.toString(), "the late pad to sync");
      expect(occurrences(late.text.toString(), "Behavioral round notes")).toBe(1);
      for (const client of clients.splice(0)) client.destroy();
    }
  });

  it("leaves a coding round's pad empty", async () => {
    const session = await bookPadSession("Coding seed", 60);
    const a = openSeedingPad(session.sessionId, session.candidateId, padSetupFor("coding"));
    await waitFor(() => a.provider.isSynced, "the pad to sync");
    expect(a.text.toString()).toBe("");
    expect(padSeedUpdate(padSetupFor("coding"))).toBeNull();
  });
});
