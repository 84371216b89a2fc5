import { request as httpRequest } from "node:http";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { authSessions, users } from "#db/schema";
import {
  MAX_ARRAY_INDEX,
  MAX_BODY_BYTES,
  MAX_FIELD_NAME_DEPTH,
  MAX_FIELD_NAME_LENGTH,
  MAX_FORM_FIELDS,
} from "~/http/form-limits";
import { setupFreshDatabase } from "../support/database";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { type HttpClient, setupTestServer } from "../support/http";

// Hostile forms against the real server over HTTP: each must get a small, quick 4xx.
// Figures are printed so a regression shows by how much, not only that it happened.

setupFreshDatabase();
const server = setupTestServer();

async function signedIn(): Promise<HttpClient & { userId: string }> {
  const user = await createUser();
  const client = server.client();
  const response = await client.post("/login", { email: user.email, password: user.password });
  expect(response.status).toBe(302);
  return Object.assign(client, { userId: user.id });
}

/** Posts a raw urlencoded body and measures the answer. */
async function measure(client: HttpClient, path: string, body: string, label: string) {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const response = await client.request(path, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: client.baseUrl,
      "sec-fetch-site": "same-origin",
    },
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  console.log(
    `${label}: ${response.status} in ${ms.toFixed(0)} ms, reply ${text.length} bytes, ` +
      `RSS +${rssGrowthMb.toFixed(1)} MB`,
  );
  return { status: response.status, text, ms, rssGrowthMb };
}

/**
 * How long a hostile body may take: far more than parsing a bounded form needs, far less
 * than materialising what it asks for (a stall would take many seconds). It scales with
 * an ordinary log-in post measured in the same file, after one warm-up post, so that a
 * loaded machine (CI runs several suites at once) slows both alike instead of failing
 * the test. The floor is generous because a single slow scheduling tick under load can
 * cost a second; the size and memory assertions stay exact.
 */
let ordinaryMs = 0;
const within = () => Math.max(3000, 20 * ordinaryMs);

beforeAll(async () => {
  const ordinaryPost = async () => {
    const started = performance.now();
    const response = await server.client().post("/login", {
      email: uniqueEmail(),
      password: "not-the-password",
    });
    await response.text();
    return performance.now() - started;
  };
  await ordinaryPost();
  const timings: number[] = [];
  for (let k = 0; k < 3; k++) timings.push(await ordinaryPost());
  ordinaryMs = Math.min(...timings);
});

const loginBody = (extra: string) =>
  `email=${encodeURIComponent(uniqueEmail())}&password=x&${extra}`;

describe("form bodies are bounded before they are parsed", () => {
  it("answers a sparse array index on /login quickly, small, and without memory growth", async () => {
    const result = await measure(server.client(), "/login", loginBody("x[3000000]=1"), "sparse");
    expect(result.status).toBe(400);
    expect(result.ms).toBeLessThan(within());
    expect(result.text.length).toBeLessThan(50_000);
    expect(result.rssGrowthMb).toBeLessThan(50);
    expect(result.text).toContain(`at most ${MAX_ARRAY_INDEX + 1} items`);
  });

  it.each([
    [
      "/availability",
      "intent=weekly&timeZone=UTC&minNoticeHours=1&maxSessionsPerDay=1&bufferMinutes=0&days[100000].weekday=1",
    ],
    ["/profile", "name=Ada&timeZone=UTC&languages[200000]=python"],
  ])("answers a huge list index on %s at once, with a small reply", async (path, body) => {
    const client = await signedIn();
    const result = await measure(client, path, body, `index on ${path}`);
    expect(result.status).toBe(400);
    expect(result.ms).toBeLessThan(within());
    expect(result.text.length).toBeLessThan(50_000);
  });

  it("refuses names nested 20,000 deep with a 400, not a 500", async () => {
    const deep = `a${".b".repeat(20_000)}=1`;
    const result = await measure(server.client(), "/login", loginBody(deep), "deep name");
    expect(result.status).toBe(400);
    expect(result.ms).toBeLessThan(within());
  });

  it("refuses names deeper than the limit, and longer than the limit", async () => {
    const deep = `a${".b".repeat(MAX_FIELD_NAME_DEPTH)}=1`;
    expect((await measure(server.client(), "/login", loginBody(deep), "depth+1")).status).toBe(400);
    const long = `${"n".repeat(MAX_FIELD_NAME_LENGTH + 1)}=1`;
    const result = await measure(server.client(), "/login", loginBody(long), "long name");
    expect(result.status).toBe(400);
    expect(result.text).toContain(`${MAX_FIELD_NAME_LENGTH} characters`);
  });

  it("refuses too many fields with a 413", async () => {
    const many = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => `f${i}=1`).join("&");
    const result = await measure(server.client(), "/login", loginBody(many), "many fields");
    expect(result.status).toBe(413);
    expect(result.ms).toBeLessThan(within());
  });

  it("refuses a body over the size limit on any route, announced or streamed", async () => {
    const big = `email=a%40b.co&password=${"x".repeat(MAX_BODY_BYTES)}`;
    for (const path of ["/login", "/signup", "/logout", "/"]) {
      const result = await measure(server.client(), path, big, `big body ${path}`);
      expect(result.status).toBe(413);
    }
    // Chunked: no Content-Length, so only counting while reading can stop it. The server
    // answers before the body ends and then drops the connection, as it should.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(new URL("/login", server.baseUrl()), {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "transfer-encoding": "chunked",
          origin: server.baseUrl(),
          "sec-fetch-site": "same-origin",
        },
      });
      request.on("response", (response) => resolve(response.statusCode ?? 0));
      request.on("error", (err) => reject(err));
      const chunk = "x".repeat(32 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 2 * MAX_BODY_BYTES) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    });
    console.log(`chunked body: ${status}`);
    expect(status).toBe(413);
  });

  it("refuses a multipart body with a 415", async () => {
    const form = new FormData();
    form.append("email", uniqueEmail());
    form.append("password", "x");
    const response = await server.client().request("/login", {
      method: "POST",
      body: form,
      headers: { origin: server.baseUrl(), "sec-fetch-site": "same-origin" },
    });
    expect(response.status).toBe(415);
  });

  it("echoes back only the fields the schema knows", async () => {
    const result = await measure(
      server.client(),
      "/login",
      `email=not-an-email&password=x&evil-marker-name=evil-marker-value&__state__=%7B%7D`,
      "echo",
    );
    expect(result.status).toBe(400);
    expect(result.text).toContain("not-an-email");
    expect(result.text).not.toContain("evil-marker");
  });

  it("answers Conform's control fields with a 400 page, never a 500", async () => {
    for (const control of ["__intent__=%7Bnot-json", "__state__=%7Bnot-json"]) {
      const result = await measure(server.client(), "/login", loginBody(control), control);
      expect(result.status).toBe(400);
    }
  });
});

describe("redirects after logging in", () => {
  it.each([
    ["%2F%09%2Fevil.example", "/dashboard"],
    ["%2Fdashboard%0D%0ASet-Cookie%3A%20x%3D1", "/dashboard"],
    ["%2F%5Cevil.example", "/dashboard"],
    ["%2Fprofile%3Ftab%3D1", "/profile?tab=1"],
  ])("redirectTo=%s goes to %s, and leaves one session row", async (redirectTo, expected) => {
    const user = await createUser();
    const before = await getDb().$count(authSessions);
    const response = await server.client().request("/login", {
      method: "POST",
      body: `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(TEST_PASSWORD)}&redirectTo=${redirectTo}`,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: server.baseUrl(),
        "sec-fetch-site": "same-origin",
      },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(expected);
    expect(await getDb().$count(authSessions)).toBe(before + 1);
  });
});

describe("one-line text", () => {
  it("refuses a profile name with a line break, and saves nothing", async () => {
    const client = await signedIn();
    const nameOf = async () =>
      (await getDb().select({ name: users.name }).from(users).where(eq(users.id, client.userId)))[0]
        ?.name;
    const before = await nameOf();
    const response = await client.post("/profile", {
      name: "Mallory\r\nBCC: victim@example.test",
      timeZone: "UTC",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("one line");
    expect(await nameOf()).toBe(before);
  });

  it("refuses a sign-up name with a control character", async () => {
    const response = await server.client().post("/signup", {
      name: "Eve\u0007",
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      timeZone: "UTC",
    });
    expect(response.status).toBe(400);
  });
});

describe("malformed identifiers", () => {
  // 36 characters, the length of a uuid, but not one: the database would refuse them.
  const notUuids = [
    "-".repeat(36),
    "0123456789abcdef0123456789abcdef0123",
    "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  ];
  const notUuid = notUuids[0]!;

  it.each(
    notUuids.flatMap((id) => [
      `/sessions/${id}`,
      `/sessions/${id}/reschedule`,
      `/sessions/${id}/pad-token`,
      `/sessions/${id}/feedback/1`,
      `/book/${id}`,
      `/feedback/${id}`,
      `/feedback/${id}/board.svg`,
    ]),
  )("GET %s answers 404", async (path) => {
    const client = await signedIn();
    expect((await client.get(path)).status).toBe(404);
  });

  it("answers 404 to a bad id in the reschedule, cancel and cancel-request actions", async () => {
    const client = await signedIn();
    const reschedule = await client.post(`/sessions/${notUuid}/reschedule`, {
      start: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(reschedule.status).toBe(404);
    for (const id of notUuids) {
      const cancel = await client.post(`/sessions/${id}`, { intent: "cancel" });
      expect(cancel.status).toBe(404);
    }
    for (const requestId of [...notUuids, "1", "' or 1=1 --"]) {
      const response = await client.post("/book", { intent: "cancel-request", requestId });
      expect(response.status).toBe(404);
    }
  });

  it("answers 404 to an override id that is not a small positive integer", async () => {
    const client = await signedIn();
    for (const overrideId of ["1e400", "99999999999999999999", "-1", "1.5", "abc", ""]) {
      const response = await client.post("/availability", {
        intent: "remove-override",
        overrideId,
      });
      expect(response.status, overrideId).toBe(404);
    }
  });
});
