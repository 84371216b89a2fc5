import { expect } from "vitest";

// The headers every response carries (app/http/security.ts), checked the same way by the
// hand-written security test and by the sweep generated from the route table.

/** What is missing or wrong in the response's security headers, one line each. */
export function securityHeaderProblems(response: Response): string[] {
  const problems: string[] = [];
  const csp = response.headers.get("content-security-policy") ?? "";
  if (!/script-src 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/.test(csp)) {
    problems.push("CSP without a nonce and 'strict-dynamic' for scripts");
  }
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) {
    if (!csp.includes(directive)) problems.push(`CSP without ${directive}`);
  }
  const expected: Record<string, string | null> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "x-powered-by": null,
  };
  for (const [name, value] of Object.entries(expected)) {
    const actual = response.headers.get(name);
    if (actual !== value) problems.push(`${name}: ${actual} (expected ${value})`);
  }
  return problems;
}

export function expectSecurityHeaders(response: Response) {
  expect(securityHeaderProblems(response)).toEqual([]);
}
