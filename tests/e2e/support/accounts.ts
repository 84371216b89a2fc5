import type { Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, expect, inject } from "vitest";
import { expectVisibleText, visit } from "./browser";

// Signing up as a person does: the form, then the link in the confirmation email, read
// from the server's outbox table (what the inbox would receive), then "Activate".

const databaseUrl = inject("databaseUrl");
let sqlClient: postgres.Sql | undefined;

afterAll(async () => {
  await sqlClient?.end({ timeout: 5 });
  sqlClient = undefined;
});

function outbox(): postgres.Sql {
  if (!databaseUrl) {
    throw new Error(
      "e2e sign-ups read the confirmation email from the outbox table: run them with DATABASE_URL (as CI does)",
    );
  }
  sqlClient ??= postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return sqlClient;
}

/** The path of the `pathname` link in the newest email of `kind` to `email` (waits for it). */
export async function emailedLink(email: string, kind: string, pathname: string): Promise<string> {
  let body: string | undefined;
  await expect
    .poll(
      async () => {
        body = (await outboxEmailsTo(email)).find((e) => e.kind === kind)?.textBody;
        return Boolean(body);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  for (const match of body?.matchAll(/https?:\/\/\S+/g) ?? []) {
    const url = new URL(match[0]);
    if (url.pathname === pathname) return `${url.pathname}${url.search}`;
  }
  throw new Error(`no ${pathname} link in the ${kind} email to ${email}`);
}

/**
 * After the sign-up form was sent: waits for "Check your email", follows the emailed link
 * and activates the account. Ends on the profile page, logged in.
 */
export async function followConfirmationEmail(page: Page, email: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === "/signup" && url.search === "?sent=1");
  await expectVisibleText(page.getByRole("heading", { level: 1 }), "Check your email");
  await visit(page, await emailedLink(email, "signup_confirm", "/signup/confirm"));
  await page.getByRole("button", { name: "Activate my account" }).click();
  await page.waitForURL((url) => url.pathname === "/profile");
}

/** The emails written to `email` so far, newest first. */
export async function outboxEmailsTo(email: string): Promise<{ kind: string; textBody: string }[]> {
  return outbox()<{ kind: string; textBody: string }[]>`
    select kind, text_body as "textBody" from outbox_emails
    where to_address = ${email.toLowerCase()} order by created_at desc`;
}
