import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, isCrossOriginWrite, securityHeaders } from "~/http/security";

describe("buildContentSecurityPolicy", () => {
  it("allows scripts only by nonce and forbids framing", () => {
    const csp = buildContentSecurityPolicy({ nonce: "abc123", isDevelopment: false });
    expect(csp).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("ws:");
  });

  it("opens websockets for Vite only in development and adds extra connect sources", () => {
    const csp = buildContentSecurityPolicy({
      nonce: "n",
      isDevelopment: true,
      connectSources: ["wss://video.example"],
    });
    expect(csp).toMatch(/connect-src 'self' wss:\/\/video\.example ws: wss:/);
  });
});

describe("securityHeaders", () => {
  it("adds HSTS only in production", () => {
    const base = { nonce: "n", isDevelopment: false };
    expect(
      securityHeaders({ ...base, isProduction: true })["Strict-Transport-Security"],
    ).toBeTruthy();
    expect(
      securityHeaders({ ...base, isProduction: false })["Strict-Transport-Security"],
    ).toBeUndefined();
  });
});

describe("isCrossOriginWrite", () => {
  const expectedOrigin = "https://peerloop.example";
  const check = (method: string, origin?: string | null, secFetchSite?: string | null) =>
    isCrossOriginWrite({ method, origin, secFetchSite, expectedOrigin });

  it("never blocks safe methods", () => {
    expect(check("GET", "https://evil.example", "cross-site")).toBe(false);
    expect(check("HEAD", "https://evil.example", "cross-site")).toBe(false);
  });

  it("trusts Sec-Fetch-Site when the browser sends it", () => {
    expect(check("POST", null, "same-origin")).toBe(false);
    expect(check("POST", null, "none")).toBe(false);
    expect(check("POST", null, "same-site")).toBe(true);
    expect(check("POST", null, "cross-site")).toBe(true);
    // A forged same-origin Origin cannot outvote the browser's own cross-site marker.
    expect(check("POST", expectedOrigin, "cross-site")).toBe(true);
  });

  it("falls back to Origin on older browsers", () => {
    expect(check("POST", expectedOrigin)).toBe(false);
    expect(check("DELETE", "https://evil.example")).toBe(true);
    expect(check("POST", "https://peerloop.example:8443")).toBe(true);
    expect(check("POST", "null")).toBe(true);
  });

  it("lets through requests without either header (not sent by a browser page)", () => {
    expect(check("POST")).toBe(false);
  });
});
