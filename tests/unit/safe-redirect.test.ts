import { describe, expect, it } from "vitest";
import { MAX_REDIRECT_LENGTH, safeRedirectPath } from "~/utils/safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/profile", "/profile"],
    ["/profile?tab=1", "/profile?tab=1"],
    ["/sessions/abc#notes", "/sessions/abc#notes"],
    ["/book?round=coding&level=L5", "/book?round=coding&level=L5"],
    // Normalised as a browser reads it: dot segments resolved, spaces encoded.
    ["/a/../b", "/b"],
    ["/a b", "/a%20b"],
  ])("follows the same-site path %j", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/dashboard"],
    ["backslash", "/\\evil.example"],
    ["backslash then slash", "/\\/evil.example"],
    ["tab between slashes (browsers drop it)", "/\t/evil.example"],
    ["newline between slashes", "/\n/evil.example"],
    ["CR between slashes", "/\r/evil.example"],
    ["header injection", "/dashboard\r\nSet-Cookie: x=1"],
    ["NUL", "/dash\u0000board"],
    ["DEL", "/dash\u007fboard"],
    ["absolute http", "http://evil.example"],
    ["absolute https", "https://evil.example/dashboard"],
    ["scheme without slashes", "https:evil.example"],
    ["javascript", "javascript:alert(1)"],
    ["data", "data:text/html,<script>alert(1)</script>"],
    ["relative path", "dashboard"],
    ["dot-relative", "./dashboard"],
    ["leading space", " /dashboard"],
    ["encoded slash start", "/%2F/evil.example"],
    ["encoded lower-case slash", "/%2f%2fevil.example"],
    ["encoded backslash", "/%5C/evil.example"],
    ["dot segments up to a double slash", "/.//evil.example"],
    ["triple slash", "///evil.example"],
    ["empty", ""],
    ["too long", `/${"a".repeat(MAX_REDIRECT_LENGTH)}`],
  ])("refuses %s", (_label, target) => {
    expect(safeRedirectPath(target)).toBe("/dashboard");
  });

  it("uses the caller's fallback for missing values", () => {
    expect(safeRedirectPath(null)).toBe("/dashboard");
    expect(safeRedirectPath(undefined, "/home")).toBe("/home");
    expect(safeRedirectPath("//evil.example", "/profile?welcome=1")).toBe("/profile?welcome=1");
  });
});
