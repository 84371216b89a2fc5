import { afterEach, describe, expect, it } from "vitest";
import { makeDatabaseUnreachable, setupFreshDatabase } from "../support/database";
import { setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

describe("GET /healthz", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("answers 200 with the database status when the database answers", async () => {
    const response = await server.client().get("/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 503 when the database is unreachable", async () => {
    restore = makeDatabaseUnreachable();
    const response = await server.client().get("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "degraded", database: "unreachable" });
  });
});
