import { and, desc, eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { outboxEmails } from "#db/schema";

/**
 * The path and query of the link starting with `pathname` in the newest email of this
 * kind to this address, read from the outbox as a person would read their inbox.
 */
export async function emailedLink(to: string, kind: string, pathname: string): Promise<string> {
  const [email] = await getDb()
    .select({ textBody: outboxEmails.textBody })
    .from(outboxEmails)
    .where(and(eq(outboxEmails.toAddress, to), eq(outboxEmails.kind, kind)))
    .orderBy(desc(outboxEmails.createdAt))
    .limit(1);
  if (!email) throw new Error(`no ${kind} email to ${to}`);
  for (const match of email.textBody.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname === pathname) return `${url.pathname}${url.search}`;
  }
  throw new Error(`no ${pathname} link in the ${kind} email to ${to}`);
}
