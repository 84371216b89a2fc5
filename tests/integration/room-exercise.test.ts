import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { PythonExercise } from "#db/catalog/question-types";
import { getDb } from "#db/client";
import { questions, sessionQuestions } from "#db/schema";
import { setupFreshDatabase } from "../support/database";
import { setupTestServer } from "../support/http";
import { sessionAt } from "../support/room-fixtures";

setupFreshDatabase();
const server = setupTestServer();

async function signedIn(email: string) {
  const client = server.client();
  const response = await client.post("/login", { email, password: "correct horse battery staple" });
  expect(response.status).toBe(302);
  return client;
}

const exercise: PythonExercise = {
  language: "python",
  entry: "visible_entry_name",
  starter: "def visible_entry_name(xs):\n    '''VISIBLE_STARTER'''\n",
  reference: "def visible_entry_name(xs):\n    return 'REFERENCE_ONLY_FOR_THE_KIT'\n",
  examples: [
    { args: ["VISIBLE_EXAMPLE_ONE"], expected: 1 },
    { args: ["VISIBLE_EXAMPLE_TWO"], expected: 2 },
  ],
  hidden: [
    { args: ["HIDDEN_CASE_ONE"], expected: 0 },
    { args: ["HIDDEN_CASE_TWO"], expected: 0 },
    { args: ["HIDDEN_CASE_THREE"], expected: 0 },
  ],
};

describe("the half's exercise in the room", () => {
  it("reaches both people, but the reference and hidden tests only the interviewer", async () => {
    const { sessionId, me, peer } = await sessionAt(-5);
    const interviewer = await signedIn(peer.email);
    expect((await interviewer.post(`/sessions/${sessionId}`, { intent: "sync" })).status).toBe(200);
    const [assigned] = await getDb()
      .select()
      .from(sessionQuestions)
      .where(eq(sessionQuestions.sessionId, sessionId));
    await getDb()
      .update(questions)
      .set({ exercise })
      .where(eq(questions.id, assigned!.questionId!));

    const candidate = await signedIn(me.email);
    for (const path of [`/sessions/${sessionId}`, `/sessions/${sessionId}.data`]) {
      const candidateSees = await (await candidate.get(path)).text();
      expect(candidateSees).toContain("VISIBLE_EXAMPLE_ONE");
      expect(candidateSees).toContain("VISIBLE_STARTER");
      expect(candidateSees).not.toContain("REFERENCE_ONLY_FOR_THE_KIT");
      expect(candidateSees).not.toMatch(/HIDDEN_CASE/);

      const interviewerSees = await (await interviewer.get(path)).text();
      expect(interviewerSees).toContain("VISIBLE_EXAMPLE_ONE");
      expect(interviewerSees).toContain("REFERENCE_ONLY_FOR_THE_KIT");
      expect(interviewerSees).toContain("HIDDEN_CASE_THREE");
    }
  });

  it("is seeded from the bank: a question without one stores null", async () => {
    const rows = await getDb().select({ exercise: questions.exercise }).from(questions);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      if (row.exercise !== null) expect(["python", "sql"]).toContain(row.exercise.language);
    }
  });
});
