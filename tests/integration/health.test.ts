import { afterEach, describe, expect, it } from "vitest";
import { getConnection, openDatabase, setDatabaseConnection } from "#db/client";
import { setupFreshDatabase } from "../support/database";
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
    const healthy = getConnection();
    // Nothing listens on port 1: connections are refused, as with a database that is down.
    const unreachable = openDatabase({
      kind: "postgres",
      url: "postgres://peerloop@127.0.0.1:1/none",
    });
    setDatabaseConnection(unreachable);
    restore = () => {
      setDatabaseConnection(healthy);
      void unreachable.close();
    };
    const response = await server.client().get("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "degraded", database: "unreachable" });
  });
});
