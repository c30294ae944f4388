import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.ts";

describe("loadEnv", () => {
  it("has defaults for a newcomer: port 3000 on loopback, embedded database, Vite's origin allowed", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", NODE_ENV: "development", GLOW_SEED_DEMO: false });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CORS_ORIGINS).toContain("http://localhost:5173");
  });

  it("listens on all interfaces in production unless HOST says otherwise", () => {
    expect(loadEnv({ NODE_ENV: "production" }).HOST).toBe("0.0.0.0");
    expect(loadEnv({ NODE_ENV: "production", HOST: "10.0.0.5" }).HOST).toBe("10.0.0.5");
  });

  it("parses lists and flags, and treats empty values as unset", () => {
    const env = loadEnv({ CORS_ORIGINS: "https://a.example, https://b.example", GLOW_SEED_DEMO: "1", DATABASE_URL: "" });
    expect(env.CORS_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
    expect(env.GLOW_SEED_DEMO).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("reads TRUST_PROXY as a hop count or a list of proxy addresses, and refuses anything else", () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ TRUST_PROXY: "loopback,10.0.0.0/8" }).TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => loadEnv({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY: a hop count/);
  });

  it("names every invalid variable", () => {
    const attempt = () => loadEnv({ PORT: "http", DATABASE_URL: "mysql://x/y", REDIS_URL: "nope" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*REDIS_URL/);
  });
});
