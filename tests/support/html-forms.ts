import type { HttpClient } from "./http";

// The POST forms of a server-rendered page, read from its HTML as a browser without
// JavaScript would submit them: each submit button with a name/value (Remix' `intent`)
// is a submission of its own. The generated tests replay what the owner's page offers,
// so a new form on a new route is exercised without being listed anywhere.

export interface HarvestedForm {
  /** The path the form posts to, query included (`?index` for index routes). */
  action: string;
  fields: [string, string][];
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? "");
  }
  return out;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Every submission the page's POST forms can make, with their default values. */
export function postForms(html: string, pagePath: string): HarvestedForm[] {
  const forms: HarvestedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const formAttrs = attributes(match[1]!);
    if ((formAttrs.method ?? "get").toLowerCase() !== "post") continue;
    const body = match[2]!;
    const action = formAttrs.action || pagePath;
    const fields: [string, string][] = [];
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(input[1]!);
      if (!a.name || "disabled" in a) continue;
      const type = (a.type ?? "text").toLowerCase();
      if (type === "submit" || type === "button" || type === "image") continue;
      if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
      fields.push([a.name, a.value ?? (type === "checkbox" ? "on" : "")]);
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(select[1]!);
      if (!a.name) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>([^<]*)/g)].map((o) => ({
        attrs: attributes(o[1]!),
        text: decodeEntities(o[2]!),
      }));
      const chosen = options.find((o) => "selected" in o.attrs) ?? options[0];
      if (chosen) fields.push([a.name, chosen.attrs.value ?? chosen.text]);
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(area[1]!);
      if (a.name) fields.push([a.name, decodeEntities(area[2]!)]);
    }
    const buttons = [...body.matchAll(/<button\b([^>]*)>/g)]
      .map((b) => attributes(b[1]!))
      .filter((a) => (a.type ?? "submit") === "submit" && a.name);
    if (buttons.length === 0) forms.push({ action, fields });
    for (const button of buttons) {
      forms.push({
        action: button.formaction || action,
        fields: [...fields, [button.name!, button.value ?? ""]],
      });
    }
  }
  return forms;
}

export function formBody(fields: [string, string][]): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of fields) body.append(name, value);
  return body;
}

/**
 * The submissions a page offers (as `client` sees it) to its own path, including those
 * behind a link to the same page with a query (a confirmation step, `?confirm=cancel`).
 */
export async function formsOfPage(client: HttpClient, url: string): Promise<HarvestedForm[]> {
  const base = new URL(url, client.baseUrl);
  const pages = [url];
  const forms: HarvestedForm[] = [];
  for (let i = 0; i < pages.length && i < 6; i++) {
    const response = await client.get(pages[i]!);
    if (response.status !== 200) continue;
    const html = await response.text();
    forms.push(
      ...postForms(html, pages[i]!).filter(
        (form) => new URL(form.action, client.baseUrl).pathname === base.pathname,
      ),
    );
    if (i > 0) continue;
    for (const [, href] of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
      const target = new URL(decodeEntities(href!), base);
      const same = `${target.pathname}${target.search}`;
      if (target.pathname === base.pathname && target.search && !pages.includes(same)) {
        pages.push(same);
      }
    }
  }
  return forms;
}
