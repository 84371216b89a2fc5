import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getDb } from "#db/client";
import { padDocuments } from "#db/schema";
import { padSnapshot } from "~/modules/feedback/feedback.server";
import { DOC_ROOTS } from "~/modules/sessions/shared-doc";
import { arrow, rectangle, text } from "../support/board-fixtures";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  HOUR,
  insertSession,
  ratingForm,
  scorecardForm,
  setTarget,
  signIn,
} from "../support/feedback-fixtures";
import type { HttpClient } from "../support/http";
import { setupTestServer } from "../support/http";

// The session's whiteboard on the feedback detail and as a download: shown to whoever may
// read the feedback (its author; its recipient once revealed), 404 for everyone else, the
// SVG file included; hostile text on the board stays text.

setupFreshDatabase();
const server = setupTestServer();

type Who = "author" | "recipient" | "stranger" | "other";

const HOSTILE = '</svg><script>alert("board")</script><img src=x onerror=alert(1)>';

/** A session's document as the realtime server stores it, with a pad and a board. */
async function seedDocument(sessionId: string, board: Record<string, unknown>[]) {
  const doc = new Y.Doc();
  doc.getMap<string>(DOC_ROOTS.meta).set("language", "python");
  doc.getText(DOC_ROOTS.code).insert(0, "print('hello')\n");
  const map = doc.getMap<unknown>(DOC_ROOTS.board);
  for (const element of board) map.set(element.id as string, element);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await getDb().insert(padDocuments).values({ sessionId, state });
}

function submittedId(response: Response): string {
  expect(response.status).toBe(302);
  const match = (response.headers.get("location") ?? "").match(/^\/feedback\/([0-9a-f-]{36})/);
  expect(match).not.toBeNull();
  return match![1]!;
}

describe("the board on the feedback detail", () => {
  const clients = {} as Record<Who, HttpClient>;
  let anonymous: HttpClient;
  let sessionId: string;
  let scorecardId: string;
  let otherScorecardId: string;

  beforeAll(async () => {
    const author = await createUser({ name: "Ivo Interviewer" });
    const recipient = await createUser({ name: "Cara Candidate" });
    const stranger = await createUser({ name: "Sam Stranger" });
    const other = await createUser({ name: "Otto Other" });
    await setTarget(recipient.id);
    await setTarget(other.id);
    const now = Date.now();
    sessionId = await insertSession({
      candidateId: recipient.id,
      interviewerId: author.id,
      round: "system-design",
      startsAt: new Date(now - 3 * HOUR),
      endsAt: new Date(now - 2 * HOUR),
    });
    // Another session of the same interviewer, with another person, and no board.
    const otherSessionId = await insertSession({
      candidateId: other.id,
      interviewerId: author.id,
      round: "system-design",
      startsAt: new Date(now - 6 * HOUR),
      endsAt: new Date(now - 5 * HOUR),
    });
    await seedDocument(sessionId, [
      rectangle("r1", { backgroundColor: "#a5d8ff", index: "a0" }),
      text("t1", { text: "API gateway", originalText: "API gateway", index: "a1" }),
      arrow("a1", { x: 210, y: 60, index: "a2" }),
      text("t2", {
        x: 340,
        y: 80,
        containerId: null,
        text: HOSTILE,
        originalText: HOSTILE,
        index: "a3",
      }),
      // What the guard would refuse, stored anyway (an old document, a bug): left out.
      { ...rectangle("bad"), onclick: "alert(2)" },
      rectangle("gone", { isDeleted: true }),
    ]);
    await seedDocument(otherSessionId, []);
    for (const [who, user] of Object.entries({ author, recipient, stranger, other })) {
      clients[who as Who] = await signIn(server.client(), user.email);
    }
    anonymous = server.client();
    const dims = await dimensionsOf("system-design");
    scorecardId = submittedId(
      await clients.author.post(`/sessions/${sessionId}/feedback/1`, scorecardForm(dims)),
    );
    otherScorecardId = submittedId(
      await clients.author.post(`/sessions/${otherSessionId}/feedback/1`, scorecardForm(dims)),
    );
  });

  it("decodes the board from the stored document, leaving out what the check refuses", async () => {
    const snapshot = await padSnapshot(sessionId);
    expect(snapshot?.code).toBe("print('hello')\n");
    expect(snapshot?.board.map((e) => e.id).sort()).toEqual(["a1", "r1", "t1", "t2"]);
  });

  it("shows the author the board, read-only, with its downloads", async () => {
    const response = await clients.author.get(`/feedback/${scorecardId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("The whiteboard at the end of the session");
    // The picture, as an image of the board's route, its size known before it loads.
    const image = html.match(/<img [^>]*data-testid="board-snapshot"[^>]*>/)?.[0] ?? "";
    expect(image).toContain(`src="/feedback/${scorecardId}/board.svg"`);
    expect(image).toMatch(/width="\d+" height="\d+"/);
    expect(image).toContain(
      'alt="The whiteboard at the end of the session: a drawing of 4 shapes."',
    );
    expect(html).toContain(`href="/feedback/${scorecardId}/board.svg"`);
    expect(html).toContain("Download SVG");
    expect(html).toContain("Download PNG");
    // The board's content is in the picture only, never in the page or its data.
    expect(html).not.toContain("API gateway");
    expect(html).not.toContain("alert(");
    const data = await clients.author.get(`/feedback/${scorecardId}.data`);
    expect(await data.text()).not.toContain("API gateway");
  });

  it("serves the author the SVG file, as an attachment under a strict policy", async () => {
    const response = await clients.author.get(`/feedback/${scorecardId}/board.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="peerloop-board.svg"',
    );
    // The app's page policy goes on every response; the file's own, stricter one with it
    // (a browser enforces both).
    expect(response.headers.get("content-security-policy")).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(response.headers.get("x-content-type-options")).toContain("nosniff");
    const svg = await response.text();
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("<title>The whiteboard at the end of the session</title>");
    expect(svg).toContain("API gateway");
    expect(svg).toContain(
      "&lt;/svg&gt;&lt;script&gt;alert(&quot;board&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
    );
    expect(svg).not.toMatch(/<script|<img|onclick|onerror=alert\(1\)>/);
    // The same picture through Remix's data request, for the same people only.
    const data = await clients.author.get(`/feedback/${scorecardId}/board.svg.data`);
    expect(data.status).toBe(200);
    expect(await data.text()).toContain("API gateway");
    // Exactly one svg element: the hostile text closed nothing.
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg.match(/<\/svg>/g)).toHaveLength(1);
  });

  it("answers 404 to strangers, the other session's people and the signed-out, for .data too", async () => {
    const path = `/feedback/${scorecardId}/board.svg`;
    for (const [who, client] of [
      ["recipient before the reveal", clients.recipient],
      ["stranger", clients.stranger],
      ["other", clients.other],
      ["signed out", anonymous],
    ] as const) {
      // (The page itself sends the signed-out to log in; its .data says so, with no content.)
      const page = client === anonymous ? [] : [`/feedback/${scorecardId}.data`];
      for (const url of [path, `${path}.data`, ...page]) {
        const response = await client.get(url);
        expect(response.status, `${who} ${url}`).toBe(404);
        const body = await response.text();
        expect(body, `${who} ${url}`).not.toContain("API gateway");
        expect(body).not.toContain("<svg");
      }
    }
    // The other session's person may read their own feedback's page, not this board.
    for (const url of [
      `/feedback/${otherScorecardId}/board.svg`,
      "/feedback/not-a-uuid/board.svg",
    ]) {
      expect((await clients.other.get(url)).status, url).toBe(404);
    }
  });

  it("shows the recipient the board once the feedback is revealed", async () => {
    submittedId(await clients.recipient.post(`/sessions/${sessionId}/feedback/1`, ratingForm()));
    const page = await clients.recipient.get(`/feedback/${scorecardId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="board-snapshot"');
    const svg = await clients.recipient.get(`/feedback/${scorecardId}/board.svg`);
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain("API gateway");
    for (const client of [clients.stranger, clients.other, anonymous]) {
      expect((await client.get(`/feedback/${scorecardId}/board.svg`)).status).toBe(404);
    }
  });

  it("shows an empty state when the session had no board, and has no file to download", async () => {
    const page = await clients.author.get(`/feedback/${otherScorecardId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Nothing was drawn on the whiteboard in this session.");
    expect(html).not.toContain('data-testid="board-snapshot"');
    expect(html).not.toContain("/board.svg");
    expect((await clients.author.get(`/feedback/${otherScorecardId}/board.svg`)).status).toBe(404);
  });
});
