import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/env.server";

describe("parseEnv", () => {
  it("applies safe defaults in development", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.REALTIME_SECRET.length).toBeGreaterThanOrEqual(32);
    // Two secrets, two values: the pad's tokens never share the cookie's key.
    expect(env.REALTIME_SECRET).not.toBe(env.SESSION_SECRET);
    expect(env.SEED_DEMO_DATA).toBe(true);
  });

  it("stops a production start without a session secret, naming it", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
  });

  it("requires the realtime and video secrets in production too, naming each", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40) })).toThrow(
      /REALTIME_SECRET, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/,
    );
  });

  it("never derives the realtime secret from the session secret", () => {
    const env = parseEnv({ SESSION_SECRET: "s".repeat(40) });
    expect(env.REALTIME_SECRET).not.toBe("s".repeat(40));
    expect(parseEnv({ REALTIME_SECRET: "r".repeat(32) }).REALTIME_SECRET).toBe("r".repeat(32));
    expect(() => parseEnv({ REALTIME_SECRET: "r".repeat(31) })).toThrow(/REALTIME_SECRET/);
  });

  it("starts in production with its secrets, without demo data", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "s".repeat(40),
      REALTIME_SECRET: "r".repeat(40),
      LIVEKIT_API_KEY: "key",
      LIVEKIT_API_SECRET: "l".repeat(40),
    });
    expect(env.isProduction).toBe(true);
    expect(env.SEED_DEMO_DATA).toBe(false);
  });

  it("names each invalid variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
  });

  it("treats an empty DATABASE_URL as unset and normalises APP_ORIGIN", () => {
    const env = parseEnv({ DATABASE_URL: "", APP_ORIGIN: "https://peerloop.example/some/path" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_ORIGIN).toBe("https://peerloop.example");
  });
});
