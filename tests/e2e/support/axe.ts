import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

// axe-core in the page under test, for the accessibility checks (pages.test.ts,
// accessibility.test.ts): only serious and critical findings fail a test.

const AXE_SOURCE = readFileSync(
  path.join(import.meta.dirname, "../../../node_modules/axe-core/axe.min.js"),
  "utf8",
);

export interface AxeFinding {
  id: string;
  impact: string | null;
  targets: string[];
}

/** Serious and critical axe-core findings on the current page. */
export async function seriousFindings(page: Page): Promise<AxeFinding[]> {
  // Evaluated over the DevTools protocol, so the page's CSP does not apply to it.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (...args: unknown[]) => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target.join(" ")),
      }));
  });
}
