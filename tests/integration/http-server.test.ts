import { createHash, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { AccessToken } from "livekit-server-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { attendanceEvents } from "#db/schema";
import { opaqueIdentity, videoRoomName } from "~/modules/sessions/room.server";
import { makeDatabaseUnreachable, setupFreshDatabase } from "../support/database";
import { setupTestServer } from "../support/http";

setupFreshDatabase();
const server = setupTestServer();

/** A raw GET: the bytes as sent, not decoded as fetch would. */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const request = httpRequest(new URL(path, server.baseUrl()), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      request.on("error", reject);
      request.end();
    },
  );
}

describe("compression", () => {
  it.each([
    ["br", (body: Buffer) => brotliDecompressSync(body)],
    ["gzip", (body: Buffer) => gunzipSync(body)],
  ])("sends pages %s-compressed when the client accepts it", async (encoding, decode) => {
    const plain = await rawGet("/login", { "accept-encoding": "identity" });
    const packed = await rawGet("/login", { "accept-encoding": encoding });
    console.log(
      `/login: ${plain.body.length} bytes plain, ${packed.body.length} bytes ${encoding}`,
    );
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(packed.status).toBe(200);
    expect(packed.headers["content-encoding"]).toBe(encoding);
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(packed.body.length).toBeLessThan(plain.body.length / 2);
    expect(decode(packed.body).toString("utf8")).toContain("<h1>Log in</h1>");
  });

  it("prefers brotli when both are accepted, and compresses static assets", async () => {
    const page = await rawGet("/login", { "accept-encoding": "gzip, deflate, br" });
    expect(page.headers["content-encoding"]).toBe("br");
    const html = brotliDecompressSync(page.body).toString("utf8");
    const asset = /href="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const compressed = await rawGet(asset!, { "accept-encoding": "br" });
    expect(compressed.status).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe("br");
  });
});

describe("LiveKit webhook", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  async function signedEvent(body: object, secret = "secret") {
    const text = JSON.stringify(body);
    const token = new AccessToken("devkey", secret);
    token.sha256 = createHash("sha256").update(text).digest("base64");
    return { text, authorization: await token.toJwt() };
  }

  const post = (text: string, authorization: string) =>
    server.client().request("/webhooks/livekit", {
      method: "POST",
      body: text,
      headers: { "content-type": "application/webhook+json", authorization },
    });

  const joined = (sessionId: string) => ({
    id: `EV_${randomUUID()}`,
    event: "participant_joined",
    createdAt: Math.floor(Date.now() / 1000),
    room: { name: videoRoomName(sessionId) },
    participant: { identity: opaqueIdentity(sessionId, randomUUID()) },
  });

  it("answers 503 (so LiveKit retries) when the database is down", async () => {
    restore = makeDatabaseUnreachable();
    const event = await signedEvent(joined(randomUUID()));
    const response = await post(event.text, event.authorization);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
  });

  it("answers 400 to a bad signature and to a signed body that is not an event", async () => {
    const before = await getDb().$count(attendanceEvents);
    const forged = await signedEvent(joined(randomUUID()), "not-the-secret");
    expect((await post(forged.text, forged.authorization)).status).toBe(400);
    const { authorization } = await signedEvent({});
    expect((await post("{not json", authorization)).status).toBe(400);
    const garbage = await signedEvent({ id: "x" });
    expect((await post("{not json", garbage.authorization)).status).toBe(400);
    expect(await getDb().$count(attendanceEvents)).toBe(before);
  });

  it("ignores a room whose id is 36 characters but not a uuid (200, nothing written)", async () => {
    const event = await signedEvent({
      ...joined(randomUUID()),
      room: { name: `session-${"-".repeat(36)}` },
    });
    const response = await post(event.text, event.authorization);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "ignored" });
  });
});
