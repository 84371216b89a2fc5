import { beforeAll, describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { HOUR, insertSession, signIn } from "../support/feedback-fixtures";
import { type HttpClient, setupTestServer } from "../support/http";

// Every control of a refused form is tied to its label, its hint and its errors for
// screen readers: the shared Field and RadioGroup derive the ids from Conform's field
// metadata, so no form wires them by hand (and none forgets to).

setupFreshDatabase();
const server = setupTestServer();

type Attributes = Record<string, string>;

function attributesOf(tag: string): Attributes {
  return Object.fromEntries(
    [...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, "&")]),
  );
}

/** What is wrong with the wiring of the form controls in `html`, one line each. */
function wiringProblems(html: string): string[] {
  const problems: string[] = [];
  const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!));
  const labelled = new Set([...html.matchAll(/<label[^>]*\bfor="([^"]+)"/g)].map((m) => m[1]!));
  const described = new Set<string>();
  const controls = [...html.matchAll(/<(input|select|textarea|fieldset)\b([^>]*)>/g)];
  for (const [, tag, rest] of controls) {
    const attrs = attributesOf(rest!);
    const name = attrs.name ?? attrs.id ?? "(unnamed)";
    for (const id of (attrs["aria-describedby"] ?? "").split(" ").filter(Boolean)) {
      described.add(id);
      if (!ids.has(id)) problems.push(`${tag} ${name}: aria-describedby names missing #${id}`);
    }
    if (attrs["aria-invalid"] === "true" && !attrs["aria-describedby"]) {
      problems.push(`${tag} ${name}: invalid but not described by its error`);
    }
    const needsLabel =
      tag !== "fieldset" && !["hidden", "radio", "checkbox", "submit"].includes(attrs.type ?? "");
    if (needsLabel && !(attrs.id && labelled.has(attrs.id))) {
      problems.push(`${tag} ${name}: no <label for> names it`);
    }
  }
  // Every field error sits in a container some control points at.
  for (const [, id] of html.matchAll(/<div id="([^"]+)"><p class="error-text"/g)) {
    if (!described.has(id!)) problems.push(`errors #${id} describe no control`);
  }
  return problems;
}

let interviewer: HttpClient;
let candidate: HttpClient;
let formPath: string;

beforeAll(async () => {
  const cand = await createUser({ name: "Wren Candidate" });
  const intv = await createUser({ name: "Wiley Interviewer" });
  const startsAt = new Date(Date.now() - 3 * HOUR);
  const sessionId = await insertSession({
    candidateId: cand.id,
    interviewerId: intv.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + HOUR),
    status: "completed",
  });
  formPath = `/sessions/${sessionId}/feedback/1`;
  interviewer = await signIn(server.client(), intv.email);
  candidate = await signIn(server.client(), cand.email);
});

describe("form wiring", () => {
  it("an empty scorecard comes back with every error tied to its control", async () => {
    const response = await interviewer.post(formPath, { intent: "submit" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('aria-invalid="true"');
    expect(wiringProblems(html)).toEqual([]);
  });

  it("an empty interviewer rating comes back with every error tied to its control", async () => {
    const response = await candidate.post(formPath, { intent: "submit" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('aria-invalid="true"');
    expect(wiringProblems(html)).toEqual([]);
  });

  it("the scorecard's hints describe their controls, and the topic is a text input", async () => {
    const html = await (await interviewer.get(formPath)).text();
    expect(wiringProblems(html)).toEqual([]);
    const topic = [...html.matchAll(/<input\b([^>]*)>/g)]
      .map((m) => attributesOf(m[1]!))
      .find((a) => a.name === "practiseTopic");
    expect(topic?.type).toBe("text");
    const strengths = [...html.matchAll(/<textarea\b([^>]*)>/g)]
      .map((m) => attributesOf(m[1]!))
      .find((a) => a.name === "strengths");
    expect(strengths?.["aria-describedby"]).toMatch(/description/);
  });

  it("the log-in form refused empty ties its errors to its fields", async () => {
    const response = await server.client().post("/login", { email: "", password: "" });
    expect(response.status).toBe(400);
    expect(wiringProblems(await response.text())).toEqual([]);
  });
});
