import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { pgConstraint, pgErrorCode } from "#db/errors";
import { feedback, feedbackScores } from "#db/schema";
import { expireReplays } from "~/modules/replay/replay.server";
import { decodeReplayLog } from "~/modules/replay/replay-log";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import {
  dimensionsOf,
  insertSession,
  MINUTE,
  ratingForm,
  scorecardForm,
  signIn,
} from "../support/feedback-fixtures";
import { errorTexts, type HttpClient, setupTestServer } from "../support/http";
import { recordSyntheticSession, type SyntheticSession } from "../support/replay-fixtures";

// The replay page over HTTP: who may see it (its two participants, after the end; every
// other request, for the page, its data, its log, its download and its action, answers
// 404), its states (not ended, deleted, expired), the moment it opens at, the download's
// self-containment, and the moments pinned in a scorecard (hostile input: 400 with a
// message, never 500; the database refuses what the form would).

setupFreshDatabase();
const server = setupTestServer();

const RECORDED_MINUTES = 20;
const HOSTILE = `print("</pre><script>alert(1)</script><img src=http://x.test/y>")`;

interface Person {
  id: string;
  email: string;
  name: string;
}

let candidate: Person;
let interviewer: Person;
let stranger: Person;
let otherCandidate: Person;
let sessionId: string;
let otherSessionId: string;
let futureSessionId: string;
let startsAt: Date;
let recorded: SyntheticSession;

async function person(name: string): Promise<Person> {
  const user = await createUser({ name, timeZone: "Europe/Paris" });
  return { id: user.id, email: user.email, name };
}

async function clientOf(who: Person | null): Promise<HttpClient> {
  const client = server.client();
  if (who) await signIn(client, who.email);
  return client;
}

/** A page's text as a reader sees it: React's markers between text pieces removed. */
const textOf = (html: string) => html.replaceAll("<!-- -->", "");

/** The pad's text as the server drew it in the page (tags out, entities decoded). */
function padIn(html: string): string | null {
  const match = html.match(/<pre class="replay-code" data-testid="replay-pad">([\s\S]*?)<\/pre>/);
  if (!match) return null;
  return match[1]!
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n$/, "");
}

beforeAll(async () => {
  candidate = await person("Cora Candidate");
  interviewer = await person("Ivan Interviewer");
  stranger = await person("Sam Stranger");
  otherCandidate = await person("Olga Other");
  const otherInterviewer = await person("Omar Other");
  startsAt = new Date(Date.now() - 3 * 60 * MINUTE);
  const endsAt = new Date(startsAt.getTime() + 60 * MINUTE);
  sessionId = await insertSession({
    candidateId: candidate.id,
    interviewerId: interviewer.id,
    startsAt,
    endsAt,
  });
  otherSessionId = await insertSession({
    candidateId: otherCandidate.id,
    interviewerId: otherInterviewer.id,
    startsAt: new Date(startsAt.getTime() - 2 * 60 * MINUTE),
    endsAt: new Date(startsAt.getTime() - 60 * MINUTE),
  });
  futureSessionId = await insertSession({
    candidateId: candidate.id,
    interviewerId: interviewer.id,
    startsAt: new Date(Date.now() + 24 * 60 * MINUTE),
    endsAt: new Date(Date.now() + 25 * 60 * MINUTE),
    status: "scheduled",
  });
  recorded = await recordSyntheticSession({
    sessionId,
    startsAt,
    typist: { id: candidate.id, name: candidate.name },
    other: { id: interviewer.id, name: interviewer.name },
    minutes: RECORDED_MINUTES,
    hostileLine: HOSTILE,
  });
  await recordSyntheticSession({
    sessionId: otherSessionId,
    startsAt: new Date(startsAt.getTime() - 2 * 60 * MINUTE),
    typist: { id: otherCandidate.id, name: otherCandidate.name },
    other: { id: otherInterviewer.id, name: otherInterviewer.name },
    minutes: 2,
  });
}, 120_000);

describe("who may see a replay", () => {
  const paths = () => [
    `/sessions/${sessionId}/replay`,
    `/sessions/${sessionId}/replay.data`,
    `/sessions/${sessionId}/replay?t=60`,
    `/sessions/${sessionId}/replay.bin`,
    `/sessions/${sessionId}/replay.html`,
  ];

  it("answers 404 to a stranger and to another session's participant, for every request", async () => {
    for (const who of [stranger, otherCandidate]) {
      const client = await clientOf(who);
      for (const path of paths()) {
        const response = await client.get(path);
        expect(response.status, `${who.name} GET ${path}`).toBe(404);
        expect(await response.text()).not.toContain(recorded.finalCode.slice(0, 40));
      }
      for (const path of [`/sessions/${sessionId}/replay`, `/sessions/${sessionId}/replay.data`]) {
        for (const intent of ["delete", "other"]) {
          const response = await client.post(path, { intent });
          expect(response.status, `${who.name} POST ${path} ${intent}`).toBe(404);
        }
      }
    }
    // Nothing was deleted by those requests.
    const participant = await clientOf(candidate);
    expect((await participant.get(`/sessions/${sessionId}/replay.bin`)).status).toBe(200);
  });

  it("answers a signed-out request as it would for a session that does not exist", async () => {
    const client = await clientOf(null);
    for (const path of paths().slice(3)) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
    }
    // The page, its data and its action send a signed-out visitor to log in, as every
    // page of the app does (the app's layout asks first), whatever the id: nothing
    // tells whether the session exists.
    const unknownId = crypto.randomUUID();
    const same = async (request: (id: string) => Promise<Response>) => {
      const [ours, unknown] = [await request(sessionId), await request(unknownId)];
      expect(ours.status).toBe(unknown.status);
      // 202: a data request's redirect, as Remix encodes it.
      expect([202, 302, 404]).toContain(ours.status);
      expect(ours.headers.get("location")?.replace(sessionId, "ID")).toBe(
        unknown.headers.get("location")?.replace(unknownId, "ID"),
      );
      expect(await ours.text()).not.toContain("merge_intervals");
    };
    await same((id) => client.get(`/sessions/${id}/replay`));
    await same((id) => client.get(`/sessions/${id}/replay.data`));
    await same((id) => client.post(`/sessions/${id}/replay`, { intent: "delete" }));
    await same((id) => client.post(`/sessions/${id}/replay.data`, { intent: "delete" }));
    const participant = await clientOf(candidate);
    expect((await participant.get(`/sessions/${sessionId}/replay.bin`)).status).toBe(200);
  });

  it("answers 404 to malformed and unknown ids, never 500", async () => {
    const client = await clientOf(candidate);
    for (const id of ["not-a-uuid", "%00", "1", `${sessionId}x`, crypto.randomUUID(), "'--"]) {
      for (const suffix of ["/replay", "/replay.data", "/replay.bin", "/replay.html"]) {
        const response = await client.get(`/sessions/${id}${suffix}`);
        expect(response.status, `${id}${suffix}`).toBe(404);
      }
      expect((await client.post(`/sessions/${id}/replay`, { intent: "delete" })).status).toBe(404);
    }
  });

  it("opens to both participants, with the log in one binary", async () => {
    for (const who of [candidate, interviewer]) {
      const client = await clientOf(who);
      const page = await client.get(`/sessions/${sessionId}/replay`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(padIn(html)).toBe(recorded.finalCode);
      expect(html).not.toContain("<script>alert(1)</script>");
      expect((await client.get(`/sessions/${sessionId}/replay.data`)).status).toBe(200);
      const log = await client.get(`/sessions/${sessionId}/replay.bin`);
      expect(log.status).toBe(200);
      expect(log.headers.get("content-type")).toBe("application/octet-stream");
      const decoded = decodeReplayLog(new Uint8Array(await log.arrayBuffer()));
      expect(decoded.updates.filter((u) => u.update).length).toBe(recorded.updates);
      expect(decoded.snapshots.length).toBeGreaterThanOrEqual(RECORDED_MINUTES / 5);
    }
  });

  it("opens at the moment asked for, and at the end for a moment it cannot read", async () => {
    const client = await clientOf(interviewer);
    for (const [query, atMs] of [
      ["?t=300", 300_000],
      ["?t=10:00", 600_000],
      ["?t=0", 0],
    ] as const) {
      const html = await (await client.get(`/sessions/${sessionId}/replay${query}`)).text();
      expect(padIn(html) ?? "", query).toBe(recorded.codeAt(atMs));
    }
    for (const query of ["?t=abc", "?t=-5", "?t=99999999999", `?t=${"9".repeat(500)}`, "?t=%00"]) {
      const response = await client.get(`/sessions/${sessionId}/replay${query}`);
      expect(response.status, query).toBe(200);
      expect(padIn(await response.text()), query).toBe(recorded.finalCode);
    }
  });

  it("says a session that has not ended has nothing to replay yet", async () => {
    const client = await clientOf(candidate);
    const response = await client.get(`/sessions/${futureSessionId}/replay`);
    expect(response.status).toBe(200);
    expect(textOf(await response.text())).toContain("This session has not ended yet");
    expect((await client.get(`/sessions/${futureSessionId}/replay.bin`)).status).toBe(404);
    const stranger$ = await clientOf(stranger);
    expect((await stranger$.get(`/sessions/${futureSessionId}/replay`)).status).toBe(404);
    // Nor can it be deleted before the end (a forged post): a 409 with a message.
    const early = await client.post(`/sessions/${futureSessionId}/replay`, { intent: "delete" });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("once the session has ended");
  });
});

describe("the download", () => {
  it("is one self-contained HTML file: the pad's final text, the board as SVG, the runs", async () => {
    const client = await clientOf(candidate);
    const response = await client.get(`/sessions/${sessionId}/replay.html`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="peerloop-coding-\d{4}-\d{2}-\d{2}\.html"$/,
    );
    const html = await response.text();
    // The pad's final text, escaped (the hostile line is text, not markup).
    expect(html).toContain("def merge_intervals(intervals):");
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(html.match(/<section class="run/g)?.length).toBe(recorded.runs);
    // Nothing it shows comes from elsewhere: no reference to any URL but the SVG namespace.
    const withoutNamespace = html.replaceAll('xmlns="http://www.w3.org/2000/svg"', "");
    // (Checked in tags and the style sheet: the hostile line's text may say anything.)
    expect(withoutNamespace).not.toMatch(/<[^>]*\b(src|href|action|srcset|poster)\s*=/i);
    expect(withoutNamespace).not.toMatch(/<[^>]*https?:\/\//i);
    expect(withoutNamespace).not.toMatch(/<(link|iframe|object|embed|img|image|use)\b/i);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? "";
    expect(style).not.toMatch(/url\(|@import/);
  });
});

describe("moments pinned in a scorecard", () => {
  let dims: { slug: string; name: string }[];
  let client: HttpClient;
  const form = (moment: string) => ({
    ...scorecardForm(dims),
    [`moment.${dims[0]!.slug}`]: moment,
  });

  beforeAll(async () => {
    dims = await dimensionsOf("coding");
    client = await clientOf(interviewer);
  });

  it("is pinned from the replay: the interviewer's link opens the scorecard ready to pin it", async () => {
    const replay = await (await client.get(`/sessions/${sessionId}/replay?t=490`)).text();
    expect(replay).toContain(`href="/sessions/${sessionId}/feedback/1?pin=490"`);
    // The candidate writes no scorecard of this session: no such link for them.
    const candidateView = await (
      await (await clientOf(candidate)).get(`/sessions/${sessionId}/replay?t=490`)
    ).text();
    expect(candidateView).not.toContain("pin it in your scorecard");
    // The form offers the moment to each dimension.
    const page = await client.get(`/sessions/${sessionId}/feedback/1?pin=490`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Pin 8:10 from the replay");
    for (const d of dims) expect(html).toContain(`>${d.name.replaceAll("&", "&amp;")}</button>`);
    // A pin it cannot read, or past the session, offers nothing (and is no error).
    for (const pin of ["abc", "99999", "-5", "1e3", "%00"]) {
      const other = await client.get(`/sessions/${sessionId}/feedback/1?pin=${pin}`);
      expect(other.status, pin).toBe(200);
      expect(await other.text(), pin).not.toContain("from the replay</h2>");
    }
  });

  it("refuses a malformed, negative, too late, huge or control-character moment with a message", async () => {
    const cases: [string, RegExp][] = [
      ["abc", /mm:ss or h:mm:ss/],
      ["-1:00", /mm:ss or h:mm:ss/],
      ["12:75", /00 to 59/],
      ["61:00", /lasted 1:00:00/],
      ["2:00:00", /lasted 1:00:00/],
      ["999:59:59", /lasted 1:00:00|mm:ss or h:mm:ss/],
      ["99999999999999999999:00", /mm:ss or h:mm:ss/],
      ["12:\u000034", /mm:ss or h:mm:ss/],
      ["1e3:00", /mm:ss or h:mm:ss/],
      ["x".repeat(5000), /mm:ss or h:mm:ss|under/],
    ];
    for (const [moment, message] of cases) {
      const response = await client.post(`/sessions/${sessionId}/feedback/1`, form(moment));
      const html = await response.text();
      expect(response.status, JSON.stringify(moment)).toBe(400);
      expect(errorTexts(html).join(" "), JSON.stringify(moment)).toMatch(message);
    }
    expect(await getDb().select().from(feedback).where(eq(feedback.sessionId, sessionId))).toEqual(
      [],
    );
  });

  it("stores a valid moment, and the recipient's detail links to the replay there", async () => {
    const response = await client.post(`/sessions/${sessionId}/feedback/1`, form("23:14"));
    expect(response.status).toBe(302);
    const [row] = await getDb()
      .select({ id: feedback.id })
      .from(feedback)
      .where(eq(feedback.sessionId, sessionId));
    const scores = await getDb()
      .select({ momentMs: feedbackScores.momentMs })
      .from(feedbackScores)
      .where(eq(feedbackScores.feedbackId, row!.id));
    expect(scores.map((s) => s.momentMs).sort()).toEqual(
      [1_394_000, ...Array(dims.length - 1).fill(null)].sort(),
    );
    // The candidate rates the interviewer: both in, the scorecard is revealed.
    const recipient = await clientOf(candidate);
    expect((await recipient.post(`/sessions/${sessionId}/feedback/1`, ratingForm())).status).toBe(
      302,
    );
    const detail = textOf(await (await recipient.get(`/feedback/${row!.id}`)).text());
    expect(detail).toContain(`href="/sessions/${sessionId}/replay?t=1394"`);
    expect(detail).toContain("See it in the replay at 23:14");
    // The link opens the replay there.
    const replay = await (await recipient.get(`/sessions/${sessionId}/replay?t=1394`)).text();
    expect(padIn(replay)).toBe(recorded.codeAt(1_394_000));
  });

  it("is refused by the database too: never negative, never past the session's end", async () => {
    const [row] = await getDb()
      .select({ id: feedback.id })
      .from(feedback)
      .where(and(eq(feedback.sessionId, sessionId), eq(feedback.kind, "scorecard")));
    const set = (momentMs: number) =>
      getDb()
        .update(feedbackScores)
        .set({ momentMs })
        .where(eq(feedbackScores.feedbackId, row!.id));
    const refusal = (err: unknown) => ({ code: pgErrorCode(err), constraint: pgConstraint(err) });
    expect(refusal(await set(-1).catch((err: unknown) => err))).toEqual({
      code: "23514",
      constraint: "feedback_scores_moment",
    });
    expect(refusal(await set(60 * MINUTE + 1).catch((err: unknown) => err))).toEqual({
      code: "23514",
      constraint: "feedback_scores_moment_in_session",
    });
    await set(60 * MINUTE);
  });
});

describe("deleting and expiring", () => {
  it("refuses an unknown intent from a participant with 400", async () => {
    const client = await clientOf(candidate);
    const response = await client.post(`/sessions/${sessionId}/replay`, { intent: "explode" });
    expect(response.status).toBe(400);
  });

  it("expired: only the final state is left, and the page says so", async () => {
    await expireReplays({ now: new Date(Date.now() + 400 * 24 * 60 * MINUTE) });
    const client = await clientOf(otherCandidate);
    const html = textOf(await (await client.get(`/sessions/${otherSessionId}/replay`)).text());
    expect(html).toContain("The step-by-step replay expired");
    const log = decodeReplayLog(
      new Uint8Array(
        await (await client.get(`/sessions/${otherSessionId}/replay.bin`)).arrayBuffer(),
      ),
    );
    expect(log.updates).toEqual([]);
    expect(log.snapshots).toHaveLength(1);
  });

  it("deleted by one participant: both see who deleted it and when, and nothing is served", async () => {
    const deleter = await clientOf(interviewer);
    const response = await deleter.post(`/sessions/${sessionId}/replay`, { intent: "delete" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/sessions/${sessionId}/replay`);
    const own = textOf(await (await deleter.get(`/sessions/${sessionId}/replay`)).text());
    expect(own).toContain("This replay was deleted by you on");
    const peer = await clientOf(candidate);
    const theirs = textOf(await (await peer.get(`/sessions/${sessionId}/replay`)).text());
    expect(theirs).toContain(`This replay was deleted by ${interviewer.name} on`);
    expect(theirs).not.toContain("merge_intervals");
    expect((await peer.get(`/sessions/${sessionId}/replay.bin`)).status).toBe(404);
    expect((await peer.get(`/sessions/${sessionId}/replay.html`)).status).toBe(404);
    // Deleting again changes nothing: the first record stays.
    expect((await peer.post(`/sessions/${sessionId}/replay`, { intent: "delete" })).status).toBe(
      302,
    );
    const again = textOf(await (await peer.get(`/sessions/${sessionId}/replay`)).text());
    expect(again).toContain(`deleted by ${interviewer.name}`);
  });
});
