import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "#db/errors";

// Which failures the app answers as 503 ("the database is out of reach") rather than 500.

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnreachable", () => {
  it("recognises socket, postgres.js and SQLSTATE connection failures, also wrapped", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "CONNECT_TIMEOUT",
      "CONNECTION_CLOSED",
      "08006",
      "57P01",
    ]) {
      expect(isDatabaseUnreachable(withCode(code))).toBe(true);
      // As drizzle wraps it (DrizzleQueryError with the driver's error as its cause).
      expect(isDatabaseUnreachable(new Error("Failed query", { cause: withCode(code) }))).toBe(
        true,
      );
    }
    const aggregate = Object.assign(new AggregateError([withCode("ECONNREFUSED")], "connect"), {});
    expect(isDatabaseUnreachable(aggregate)).toBe(true);
  });

  it("leaves query errors and everything else to be a 500", () => {
    for (const err of [
      withCode("23505"),
      withCode("42P01"),
      withCode("40P01"),
      new Error("boom"),
      new Response("not found", { status: 404 }),
      null,
      "ECONNREFUSED",
    ]) {
      expect(isDatabaseUnreachable(err)).toBe(false);
    }
  });
});
