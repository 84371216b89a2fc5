import { beforeAll, describe, expect, it } from "vitest";
import { setupFreshDatabase } from "../support/database";
import { changedTables, databaseFingerprint } from "../support/db-fingerprint";
import { signIn } from "../support/feedback-fixtures";
import { formBody, formsOfPage, type HarvestedForm } from "../support/html-forms";
import { type HttpClient, setupTestServer } from "../support/http";
import {
  type AppRoute,
  appRoutes,
  dataUrl,
  fillPattern,
  loadServerBuild,
} from "../support/route-table";
import { securityHeaderProblems } from "../support/security-headers";
import { createSweepWorld, madeUpToken, type SweepWorld } from "../support/sweep-world";

// The security sweep, generated from the built app's route table: every route, including
// those added after this file was written, is checked for
// - the security headers, on its page, its single-fetch data and its refusals;
// - refusing cross-site writes (every method but GET/HEAD), writing nothing;
// - answering 404 to anyone but the person whose record its URL names, for the page,
//   the `.data` request (Remix single fetch, v3_singleFetch) and every form the owner's
//   page offers, writing nothing;
// - showing nothing to someone signed out (unless it is public, below).
// What the table cannot say is in the two tables below; a route they do not cover
// fails the first test with what to add.

setupFreshDatabase();
const server = setupTestServer();
const ROUTES = appRoutes(await loadServerBuild());

/**
 * Route parameters, by name. "personal": the value names someone's record (a session,
 * a piece of feedback, a booking request): anyone else gets 404. "capability": the value
 * is itself the credential (a calendar feed token): a made-up one gets 404. "neutral":
 * the value selects within a record already checked (which half of a session) or is a
 * free path (the 404 page's splat). The owner's values come from createSweepWorld
 * (tests/support/sweep-world.ts), which must list one for each name here.
 */
const PARAMS: Record<string, "personal" | "capability" | "neutral"> = {
  sessionId: "personal",
  feedbackId: "personal",
  requestId: "personal",
  planId: "personal",
  storyId: "personal",
  onsiteId: "personal",
  token: "capability",
  half: "neutral",
  "*": "neutral",
};

/**
 * Routes that answer people who are not signed in, because they hold no one's data: the
 * front page, the account pages, health, the webhooks (verified by signature) and the
 * calendar feed (its token is the credential, checked above as a capability).
 */
const PUBLIC_ROUTES = new Set([
  "/",
  "/login",
  "/signup",
  "/signup/confirm",
  "/forgot-password",
  "/reset-password",
  "/logout",
  "/healthz",
  "/webhooks/livekit",
  "/webhooks/stripe",
  "/calendar/:token",
]);

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
const CROSS_SITE_HEADERS: Record<string, string>[] = [
  { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
  // An older browser: no Sec-Fetch-Site, only the Origin.
  { origin: "https://evil.example" },
];

let world: SweepWorld;
let owner: HttpClient;
let stranger: HttpClient;

beforeAll(async () => {
  world = await createSweepWorld();
  owner = await signIn(server.client(), world.owner.email);
  stranger = await signIn(server.client(), world.stranger.email);
});

/** Every URL of the route with the owner's values (all combinations). */
function ownerUrls(route: AppRoute): string[] {
  let combos: Record<string, string>[] = [{}];
  for (const name of route.params) {
    const values = world.values[name] ?? [];
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos.map((combo) => fillPattern(route, combo));
}

function isPersonal(route: AppRoute) {
  return route.params.some((name) => PARAMS[name] === "personal" || PARAMS[name] === "capability");
}

/** The same URL as another person would try it: capabilities replaced by made-up ones. */
function strangerUrl(route: AppRoute, url: string): string {
  if (!route.params.some((name) => PARAMS[name] === "capability")) return url;
  const values = route.params.map((name) => world.values[name]![0]!);
  const filled: Record<string, string> = {};
  route.params.forEach((name, i) => {
    filled[name] = PARAMS[name] === "capability" ? madeUpToken(values[i]!) : values[i]!;
  });
  return fillPattern(route, filled);
}

function post(client: HttpClient, url: string, fields: [string, string][], headers = {}) {
  return client.request(url, {
    method: "POST",
    body: formBody(fields),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: client.baseUrl,
      "sec-fetch-site": "same-origin",
      ...headers,
    },
  });
}

/** The submissions the owner's page offers to its own action. */
function ownerForms(route: AppRoute, url: string): Promise<HarvestedForm[]> {
  return route.isPage && route.hasAction ? formsOfPage(owner, url) : Promise.resolve([]);
}

const describeRoute = (route: AppRoute) => [route.pattern, route] as const;

describe("the route table", () => {
  it("has routes, and this sweep knows every parameter and every owner's value", () => {
    expect(ROUTES.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const route of ROUTES) {
      for (const name of route.params) {
        if (!(name in PARAMS)) {
          missing.push(
            `${route.pattern} (${route.id}) has :${name}: say in PARAMS (tests/integration/security-sweep.test.ts) whether it names a person's record, and give the owner a value for it in createSweepWorld (tests/support/sweep-world.ts)`,
          );
        } else if (!world.values[name]?.length) {
          missing.push(
            `${route.pattern}: createSweepWorld (tests/support/sweep-world.ts) gives no value for :${name}`,
          );
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("security headers", () => {
  it.each(ROUTES.map(describeRoute))(
    "%s: on the page, its data and a refusal",
    async (_, route) => {
      const problems: string[] = [];
      const check = (what: string, response: Response) => {
        for (const p of securityHeaderProblems(response)) problems.push(`${what}: ${p}`);
      };
      const [url] = ownerUrls(route);
      for (const client of [owner, server.client()]) {
        const who = client === owner ? "signed in" : "signed out";
        check(`GET ${url} ${who}`, await client.get(url!));
        if (route.isPage)
          check(`GET ${dataUrl(route, url!)} ${who}`, await client.get(dataUrl(route, url!)));
      }
      check(`cross-site POST ${url}`, await post(owner, url!, [], CROSS_SITE_HEADERS[0]));
      expect(problems).toEqual([]);
    },
  );
});

describe("cross-site writes", () => {
  it.each(ROUTES.map(describeRoute))(
    "%s: every write method from another site is refused, and nothing is written",
    async (_, route) => {
      const before = await databaseFingerprint();
      const wrong: string[] = [];
      for (const url of ownerUrls(route)) {
        const forms = await ownerForms(route, url);
        const fields = forms[0]?.fields ?? [["intent", "anything"]];
        const targets = route.isPage ? [url, dataUrl(route, url)] : [url];
        for (const target of targets) {
          for (const method of WRITE_METHODS) {
            for (const headers of CROSS_SITE_HEADERS) {
              const response = await owner.request(target, {
                method,
                body: formBody(fields),
                headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
              });
              if (response.status !== 403) {
                wrong.push(`${method} ${target} ${JSON.stringify(headers)}: ${response.status}`);
              }
            }
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(changedTables(before, await databaseFingerprint())).toEqual([]);
    },
  );
});

describe("another person's records answer 404", () => {
  const personal = ROUTES.filter(isPersonal);

  it("covers the routes that name a record", () => {
    expect(personal.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(["/sessions/:sessionId", "/feedback/:feedbackId"]),
    );
  });

  it.each(personal.map(describeRoute))(
    "%s: the page and its data, to another person",
    async (_, route) => {
      const wrong: string[] = [];
      const ownerStatuses: string[] = [];
      for (const url of ownerUrls(route)) {
        const mine = await owner.get(url);
        ownerStatuses.push(`${url}: ${mine.status}`);
        if (mine.status >= 500) wrong.push(`the owner got ${mine.status} on ${url}`);
        const theirs = strangerUrl(route, url);
        const response = await stranger.get(theirs);
        if (response.status !== 404) wrong.push(`GET ${theirs}: ${response.status}`);
        if (route.isPage) {
          const data = await stranger.get(dataUrl(route, theirs));
          if (data.status !== 404) wrong.push(`GET ${dataUrl(route, theirs)}: ${data.status}`);
        }
      }
      // The owner's own answer must differ from the stranger's somewhere, or the 404s
      // above prove nothing: a route that 404s for everyone would pass.
      expect(
        ownerStatuses.some((line) => !line.endsWith(": 404")),
        `the owner was never answered: ${ownerStatuses.join(", ")}`,
      ).toBe(true);
      expect(wrong).toEqual([]);
    },
  );

  const personalActions = personal.filter((route) => route.hasAction);
  it.each(personalActions.map(describeRoute))(
    "%s: every form of the owner's page, sent by another person, answers 404 and writes nothing",
    async (_, route) => {
      const before = await databaseFingerprint();
      const wrong: string[] = [];
      let tried = 0;
      for (const url of ownerUrls(route)) {
        for (const form of await ownerForms(route, url)) {
          const theirs = strangerUrl(route, form.action);
          for (const target of [theirs, dataUrl(route, theirs.replace(/\?index$/, ""))]) {
            tried++;
            const response = await post(stranger, target, form.fields);
            if (response.status !== 404) {
              wrong.push(`POST ${target} ${formBody(form.fields)}: ${response.status}`);
            }
          }
        }
      }
      expect(
        tried,
        `no form of the owner's page posts to ${route.pattern}: give the owner a record in a state whose page shows one (tests/support/sweep-world.ts)`,
      ).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
      expect(changedTables(before, await databaseFingerprint())).toEqual([]);
    },
  );
});

describe("signed out", () => {
  const privateRoutes = ROUTES.filter((route) => !PUBLIC_ROUTES.has(route.pattern));

  it.each(privateRoutes.map(describeRoute))(
    "%s: the page and its data go to log-in or 404, showing nothing",
    async (_, route) => {
      const wrong: string[] = [];
      const anonymous = server.client();
      for (const url of ownerUrls(route)) {
        const targets = route.isPage ? [url, dataUrl(route, url)] : [url];
        for (const target of targets) {
          const response = await anonymous.get(target);
          const location =
            response.headers.get("location") ?? response.headers.get("x-remix-redirect") ?? "";
          const toLogin =
            [301, 302, 303, 202, 204].includes(response.status) && location.startsWith("/login");
          if (!toLogin && response.status !== 404 && response.status !== 401) {
            wrong.push(`GET ${target}: ${response.status} ${location}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});
