import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { waitForHydration } from "../../support/hydration";

export { waitForHydration };

// A real Chromium (Debian's, driven by playwright-core) for the e2e tests. Every page
// opened through this helper reports uncaught errors and console errors; CSP
// violations and React hydration errors both end up there, and a test that caused
// any fails in afterEach.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ACTION_TIMEOUT_MS = 15_000;

export interface PageProblem {
  kind: "pageerror" | "console";
  text: string;
  url: string;
}

export interface BrowserSession {
  baseUrl: () => string;
  /** A page in a fresh context (own cookies), with the app's address as its base URL. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** Problems seen by the pages of the current test so far. */
  problems: () => PageProblem[];
  /** Console errors matching these are expected in the current test (reset after each). */
  allowConsoleErrors: (...patterns: RegExp[]) => void;
  /**
   * A form submission to `path` is expected to be refused with `status` in this test.
   * Chromium logs every 4xx fetch ("Failed to load resource") as a console error, and
   * Remix answers a form with errors by a 400 on `<path>.data` (or on the document
   * itself when JavaScript is off).
   */
  allowRejectedSubmission: (path: string, status: number) => void;
}

let clientIps = 0;
function nextClientIp() {
  clientIps++;
  return `10.${process.pid % 250}.${Math.floor(clientIps / 250) % 250}.${(clientIps % 250) + 1}`;
}

export function setupBrowser(): BrowserSession {
  let browser: Browser | undefined;
  let profileDir: string | undefined;
  let contexts: BrowserContext[] = [];
  let problems: PageProblem[] = [];
  let allowed: RegExp[] = [];
  const baseUrl = inject("baseUrl");

  beforeAll(async () => {
    profileDir = mkdtempSync(path.join(tmpdir(), "peerloop-chromium-"));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // The room asks for camera and microphone: fake devices, granted without a prompt.
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
      ],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(profileDir, "config"),
        XDG_CACHE_HOME: path.join(profileDir, "cache"),
      },
    });
  });

  afterEach(async () => {
    const closing = contexts;
    contexts = [];
    await Promise.all(closing.map((context) => context.close().catch(() => {})));
    const seen = problems.filter(
      (p) => p.kind === "pageerror" || !allowed.some((pattern) => pattern.test(p.text)),
    );
    problems = [];
    allowed = [];
    if (seen.length > 0) {
      const list = seen.map((p) => `- ${p.kind} on ${p.url}: ${p.text}`).join("\n");
      throw new Error(`The browser reported ${seen.length} problem(s):\n${list}`);
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  return {
    baseUrl: () => baseUrl,
    async newPage(options = {}) {
      if (!browser)
        throw new Error("setupBrowser(): the browser is not running (beforeAll failed?)");
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: "en-US",
        ...options,
        // The server trusts one proxy hop (as behind a load balancer): each browser comes
        // from an address of its own, so per-IP limits (sign-ups: 10 an hour) apply per
        // person as in real use, not to the whole test run on 127.0.0.1.
        extraHTTPHeaders: { "x-forwarded-for": nextClientIp(), ...options.extraHTTPHeaders },
      });
      contexts.push(context);
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
      context.on("weberror", (error) => {
        problems.push({
          kind: "pageerror",
          text: String(error.error().stack ?? error.error()),
          url: error.page()?.url() ?? "?",
        });
      });
      context.on("console", (message) => {
        if (message.type() !== "error") return;
        const { url, lineNumber } = message.location();
        const where = url ? ` (${url}:${lineNumber})` : "";
        problems.push({
          kind: "console",
          text: `${message.text()}${where}`,
          url: message.page()?.url() ?? "?",
        });
      });
      return context.newPage();
    },
    problems: () => [...problems],
    allowConsoleErrors: (...patterns) => {
      allowed.push(...patterns);
    },
    allowRejectedSubmission: (submitPath, status) => {
      // With JavaScript the form is fetched as `<path>.data`, without it as the document.
      const dataUrl = `${escapeRegExp(`${baseUrl}${submitPath}`)}(\\.data)?`;
      allowed.push(
        new RegExp(
          `^Failed to load resource: the server responded with a status of ${status} \\(.*\\) \\(${dataUrl}(\\?[^)]*)?:\\d+\\)$`,
        ),
      );
    },
  };
}

/** Navigates to `url` and waits for hydration. */
export async function visit(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
}

/** Waits until the locator is visible and its text contains `text`. */
export async function expectVisibleText(locator: Locator, text: string | RegExp) {
  await expect
    .poll(
      async () => {
        const visible = await locator.isVisible();
        return visible ? ((await locator.textContent()) ?? "") : "(not visible)";
      },
      { timeout: ACTION_TIMEOUT_MS },
    )
    .toMatch(typeof text === "string" ? new RegExp(escapeRegExp(text)) : text);
}

/** Waits until an input or select shows `value`. */
export async function expectValue(locator: Locator, value: string) {
  await expect.poll(() => locator.inputValue(), { timeout: ACTION_TIMEOUT_MS }).toBe(value);
}

/** The `.field` wrapper around the control labelled `label`: where its errors appear. */
export function fieldOf(page: Page, label: string): Locator {
  return page.locator(".field").filter({ has: page.getByLabel(label, { exact: true }) });
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Restarts the server under test as a deploy would (SIGTERM, then a fresh process on
 * the same port and database) and resolves once it is healthy again. Files take turns
 * (vitest.e2e.config.ts), so no other test sees it go.
 */
export async function restartServer(): Promise<void> {
  const response = await fetch(`${inject("serverControl")}/restart`, { method: "POST" });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`restarting the e2e server failed: ${text}`);
}
