import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ARRAY_INDEX, MAX_BODY_BYTES, MAX_FORM_FIELDS } from "~/http/form-limits";
import { setupFreshDatabase } from "../support/database";
import { changedTables, databaseFingerprint } from "../support/db-fingerprint";
import { signIn } from "../support/feedback-fixtures";
import { formsOfPage, type HarvestedForm } from "../support/html-forms";
import { type HttpClient, setupTestServer } from "../support/http";
import {
  type AppRoute,
  appRoutes,
  dataUrl,
  fillPattern,
  loadServerBuild,
} from "../support/route-table";
import { setupStripeStandIn } from "../support/stripe";
import { createSweepWorld, type SweepWorld } from "../support/sweep-world";

// Every form action of the built app (the route table's routes with an `action`), fed
// random, oversized, sparse and deeply nested bodies, and mutations of the forms the
// owner's own page offers, signed in as that owner. Never a 5xx; and a refused body
// (any 4xx) writes nothing anywhere in the database. Seeded (FUZZ_SEED) and bounded
// (FUZZ_RUNS per route, small in the normal suite; `npm run fuzz` runs long).

setupFreshDatabase();
// Payments configured against the Stripe stand-in: the webhook is verified for real and
// buying credits reaches Checkout, instead of both being refused as unconfigured.
let appUrl = "";
const { env: stripeEnv } = await setupStripeStandIn(() => appUrl);
// Each request from an address of its own, so that the per-IP limits of log-in and sign-up
// do not turn the whole run into 429s that never reach the code behind them.
const server = setupTestServer({ TRUST_PROXY: "true", ...stripeEnv });
const ROUTES = appRoutes(await loadServerBuild()).filter((route) => route.hasAction);

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/**
 * Tables a refused request may write: the log-in limiter counts an attempt before it
 * checks it (decision 0010), and keeps an audit row of it. Not match_pool_version: a
 * refused compare-and-swap (a cancel of a session already cancelled) matches no row, and
 * since migration 0024 that leaves the matcher's pool version as it was.
 */
const WRITTEN_BY_REFUSALS = ["rate_limits", "login_attempts"];

let world: SweepWorld;
let ip = 0;
const freshIp = () => {
  ip++;
  return `203.0.${Math.floor(ip / 250) % 250}.${(ip % 250) + 1}`;
};

beforeAll(async () => {
  appUrl = server.baseUrl();
  world = await createSweepWorld();
});

// ---- what a hostile body is made of ----------------------------------------------------

const segment = fc.oneof(
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/),
  fc.constantFrom("intent", "start", "id", "__proto__", "constructor", "__intent__", "__state__"),
);
const index = fc.oneof(
  fc.integer({ min: 0, max: MAX_ARRAY_INDEX + 2 }),
  fc.constantFrom(3_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER, -1),
);
/** Conform's field-name grammar, and beyond it: `a.b[3].c`, 1 to 40 levels deep. */
const nestedName = fc
  .array(
    fc.oneof(
      segment.map((s) => `.${s}`),
      index.map((i) => `[${i}]`),
    ),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .chain((parts) => segment.map((head) => head + parts.join("")));
const nastyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    "0",
    "-1",
    "1e400",
    "NaN",
    "99999999999999999999",
    "null",
    "undefined",
    "true",
    "[]",
    "{}",
    '{"a":',
    "2025-02-30",
    "25:61",
    "00000000-0000-0000-0000-000000000000",
    "------------------------------------",
    "' or 1=1 --",
    "<script>alert(1)</script>",
    "\u0000",
    "\r\nX-Injected: 1",
    "Mars/Olympus_Mons",
    "../../etc/passwd",
  ),
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => "x".repeat(n)),
);

type Fields = [string, string][];

/** A mutation of a real form: a field dropped, changed, repeated, or junk added. */
function mutated(form: HarvestedForm): fc.Arbitrary<Fields> {
  const fields = form.fields;
  const mutation = fc.oneof(
    fc.constant((f: Fields) => f),
    fc.nat().map((i) => (f: Fields) => f.filter((_, k) => k !== i % Math.max(1, f.length))),
    fc.tuple(fc.nat(), nastyValue).map(
      ([i, v]) =>
        (f: Fields) =>
          f.map(([n, old], k) => [n, k === i % f.length ? v : old] as [string, string]),
    ),
    fc.tuple(fc.nat(), nastyValue).map(([i, v]) => (f: Fields) => {
      const name = f[i % Math.max(1, f.length)]?.[0] ?? "x";
      return [...f, [name, v]] as Fields;
    }),
    fc.tuple(nestedName, nastyValue).map(
      ([n, v]) =>
        (f: Fields) =>
          [...f, [n, v]] as Fields,
    ),
    fc.tuple(fc.nat(), nestedName).map(
      ([i, n]) =>
        (f: Fields) =>
          f.map(([name, v], k) => [k === i % f.length ? n : name, v] as [string, string]),
    ),
  );
  return (
    fc
      // Mostly one change, so that the rest of the form stays valid and the change reaches
      // validation and the domain; sometimes a few.
      .array(mutation, { minLength: 1, maxLength: 3 })
      .map((steps) => steps.reduce((f, step) => (f.length ? step(f) : f), [...fields] as Fields))
  );
}

const randomFields: fc.Arbitrary<Fields> = fc.array(
  fc.tuple(fc.oneof(segment, nestedName), nastyValue),
  {
    maxLength: 30,
  },
);
/** Many fields, near and over the limit on their number. */
const manyFields: fc.Arbitrary<Fields> = fc
  .integer({ min: MAX_FORM_FIELDS - 5, max: MAX_FORM_FIELDS + 50 })
  .map((n) => Array.from({ length: n }, (_, i) => [`f${i}`, "1"] as [string, string]));
/** One sparse list index far past the limit. */
const sparse: fc.Arbitrary<Fields> = fc
  .tuple(segment, fc.integer({ min: MAX_ARRAY_INDEX + 1, max: 5_000_000 }))
  .map(([name, i]) => [[`${name}[${i}]`, "1"]]);
/** A body just under, at and over the byte limit. */
const oversized: fc.Arbitrary<Fields> = fc
  .integer({ min: MAX_BODY_BYTES - 64, max: MAX_BODY_BYTES + 64 })
  .map((n) => [["intent", "x".repeat(n)]]);

type Body = { fields: Fields } | { raw: string; contentType: string };

const rawBodies: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom(
    { raw: "%E0%A4%A", contentType: "application/x-www-form-urlencoded" },
    { raw: "a=%zz&b=%", contentType: "application/x-www-form-urlencoded" },
    { raw: '{"intent":"cancel"}', contentType: "application/json" },
    { raw: "intent=cancel", contentType: "text/plain" },
    {
      raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      contentType: "multipart/form-data; boundary=x",
    },
    { raw: "&&&===&&", contentType: "application/x-www-form-urlencoded" },
  ),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({
    raw: Buffer.from(bytes).toString("latin1"),
    contentType: "application/x-www-form-urlencoded",
  })),
);

function bodies(forms: HarvestedForm[]): fc.Arbitrary<Body> {
  const fromForms = forms.length
    ? [
        // Mutated real forms weigh most: they get past the form reader into validation
        // and the domain, where a half-written record could happen.
        {
          arbitrary: fc
            .constantFrom(...forms)
            .chain(mutated)
            .map((fields): Body => ({ fields })),
          weight: 5,
        },
        // The owner's form as the page sends it: answered, and possibly acted on.
        {
          arbitrary: fc.constantFrom(...forms).map((form): Body => ({ fields: form.fields })),
          weight: 1,
        },
      ]
    : [];
  return fc.oneof(
    ...fromForms,
    { arbitrary: randomFields.map((fields): Body => ({ fields })), weight: 2 },
    { arbitrary: manyFields.map((fields): Body => ({ fields })), weight: 1 },
    { arbitrary: sparse.map((fields): Body => ({ fields })), weight: 1 },
    { arbitrary: oversized.map((fields): Body => ({ fields })), weight: 1 },
    { arbitrary: rawBodies, weight: 1 },
  );
}

function encode(body: Body): { payload: string; contentType: string } {
  if ("raw" in body) return { payload: body.raw, contentType: body.contentType };
  const params = new URLSearchParams();
  for (const [name, value] of body.fields) params.append(name, value);
  return { payload: params.toString(), contentType: "application/x-www-form-urlencoded" };
}

function describeBody(body: Body): string {
  const text =
    "raw" in body
      ? `${body.contentType}: ${body.raw}`
      : new URLSearchParams(body.fields).toString();
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

// ---- the fuzz ----------------------------------------------------------------------------

function ownerUrls(route: AppRoute): string[] {
  let combos: Record<string, string>[] = [{}];
  for (const name of route.params) {
    const values = world.values[name];
    if (!values?.length) {
      throw new Error(
        `${route.pattern} has :${name}, for which createSweepWorld (tests/support/sweep-world.ts) gives no value: add one`,
      );
    }
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos.map((combo) => fillPattern(route, combo));
}

describe("every form action, fuzzed", { timeout: 600_000 }, () => {
  it("has form actions to fuzz", () => {
    expect(ROUTES.length).toBeGreaterThan(10);
  });

  it.each(ROUTES.map((route) => [route.pattern, route] as const))(
    "%s: never a 5xx, and a refused body writes nothing",
    async (_, route) => {
      const urls = ownerUrls(route);
      // The owner, or an admin where only admins are let in (the owner gets 404 there).
      let email = world.owner.email;
      let owner: HttpClient = await signIn(server.client(), email);
      if (route.isPage && (await owner.get(urls[0]!)).status === 404) {
        email = world.admin.email;
        owner = await signIn(server.client(), email);
      }
      const forms: HarvestedForm[] = [];
      if (route.isPage) for (const url of urls) forms.push(...(await formsOfPage(owner, url)));
      const targets = urls.flatMap((url) => (route.isPage ? [url, dataUrl(route, url)] : [url]));
      const statuses = new Map<number, number>();

      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...targets), bodies(forms), async (target, body) => {
          // The owner's session may have been ended by a fuzzed /logout: sign in again.
          if (!owner.cookies.size) await signIn(owner, email);
          const before = await databaseFingerprint();
          const { payload, contentType } = encode(body);
          const response = await owner.request(target, {
            method: "POST",
            body: payload,
            headers: {
              "content-type": contentType,
              origin: owner.baseUrl,
              "sec-fetch-site": "same-origin",
              "x-forwarded-for": freshIp(),
            },
          });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `POST ${target} ${describeBody(body)}`;
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) {
            const written = changedTables(before, await databaseFingerprint(), WRITTEN_BY_REFUSALS);
            expect(written, `${what} was refused with ${response.status} but wrote`).toEqual([]);
          }
        }),
        // A seed per route, so that the routes do not all draw the same choices.
        { seed: SEED + ROUTES.indexOf(route), numRuns: RUNS, endOnFailure: true },
      );
      console.log(
        `${route.pattern}: ${RUNS} bodies, ${forms.length} forms of the owner's page mutated; statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`,
      );
    },
  );
});
