import { describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../support/database";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { setupTestServer } from "../support/http";

// Whether an address has an account must not show in log-in, sign-up or password-reset
// answers: same status, same body, and about the same time. Each pair of samples is
// taken back to back (known, unknown, alternating), from fresh client addresses and for
// fresh accounts, so no limit is reached and both sides share the machine's load.

setupFreshDatabase();
const server = setupTestServer({ TRUST_PROXY: "true" });

const SAMPLES = 15;
let nextIp = 1;
function freshIp() {
  const n = nextIp++;
  return `198.19.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Body with what legitimately differs (the echoed email, the CSP nonce) made equal. */
function normalize(html: string, email: string) {
  return html.replaceAll(email, "EMAIL").replace(/nonce="[^"]*"/g, 'nonce=""');
}

const ROUNDS = 3;

async function measureRound(
  what: string,
  send: (email: string, ip: string) => Promise<Response>,
  known: () => Promise<string>,
  samples: number,
) {
  // The known accounts are made first: creating one hashes a password, which would warm
  // the machine for the request right after it and favour the known side.
  const knownEmails: string[] = [];
  for (let i = 0; i <= samples; i++) knownEmails.push(await known());
  const times = { known: [] as number[], unknown: [] as number[] };
  const statuses = new Set<string>();
  const bodies = new Set<string>();
  // One warm-up pair: the first request pays for lazy initialisation on either side.
  await send(knownEmails.pop()!, freshIp());
  await send(uniqueEmail("warm"), freshIp());
  for (let i = 0; i < samples; i++) {
    for (const side of i % 2 ? (["unknown", "known"] as const) : (["known", "unknown"] as const)) {
      const email = side === "known" ? knownEmails.pop()! : uniqueEmail("nobody");
      const started = performance.now();
      const response = await send(email, freshIp());
      const body = normalize(await response.text(), email);
      times[side].push(performance.now() - started);
      statuses.add(`${response.status} ${response.headers.get("location") ?? ""}`);
      bodies.add(body);
    }
  }
  const a = median(times.known);
  const b = median(times.unknown);
  const medianGap = Math.abs(a - b) / Math.min(a, b);
  // The two requests of a pair run back to back, under the same load: the median of the
  // paired differences cancels the machine's drift that the two medians still carry.
  const pairedGap =
    Math.abs(median(times.known.map((t, i) => t - times.unknown[i]!))) /
    median([...times.known, ...times.unknown]);
  console.log(
    `${what}: median known ${a.toFixed(1)} ms, unknown ${b.toFixed(1)} ms, gap ${(medianGap * 100).toFixed(1)}%, paired gap ${(pairedGap * 100).toFixed(1)}% (${samples} samples each); statuses ${[...statuses].join(", ")}`,
  );
  return { statuses, bodies, gap: Math.min(medianGap, pairedGap) };
}

/**
 * Same status and body in every sample; times within 10% (the medians, or the median of
 * the paired differences against the median time). The machine running the tests is
 * shared, so a round disturbed by other work is measured again (up to three rounds); a
 * real difference in the work done shows in both figures of every round.
 */
async function compare(
  what: string,
  send: (email: string, ip: string) => Promise<Response>,
  known: () => Promise<string>,
  samples = SAMPLES,
) {
  const gaps: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { statuses, bodies, gap } = await measureRound(what, send, known, samples);
    expect(statuses.size).toBe(1);
    expect(bodies.size).toBe(1);
    gaps.push(gap);
    if (gap < 0.1) break;
  }
  expect(Math.min(...gaps)).toBeLessThan(0.1);
}

describe("answers do not tell whether an address has an account", { timeout: 120_000 }, () => {
  it("log-in with a wrong password", async () => {
    await compare(
      "log-in",
      (email, ip) =>
        server
          .client()
          .post("/login", { email, password: "not the password" }, { "x-forwarded-for": ip }),
      async () => (await createUser()).email,
    );
  });

  it("sign-up", async () => {
    await compare(
      "sign-up",
      (email, ip) =>
        server
          .client()
          .post(
            "/signup",
            { name: "Sam Same", email, password: TEST_PASSWORD, timeZone: "UTC" },
            { "x-forwarded-for": ip },
          ),
      async () => (await createUser()).email,
    );
  });

  it("forgot password", async () => {
    await compare(
      "forgot password",
      (email, ip) => server.client().post("/forgot-password", { email }, { "x-forwarded-for": ip }),
      async () => (await createUser()).email,
      // Answers take ~10 ms here, where a scheduler hiccup alone is 10 %: more samples.
      4 * SAMPLES,
    );
  });
});
