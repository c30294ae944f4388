import { describe, expect, it } from "vitest";
import { EnvError, loadMainEnv } from "./env.ts";

describe("loadMainEnv", () => {
  it("treats unset and empty variables as not set", () => {
    expect(loadMainEnv({})).toEqual({ serverUrlOverride: null, rendererDevUrl: null });
    expect(loadMainEnv({ GLOW_SERVER_URL: "", ELECTRON_RENDERER_URL: "" })).toEqual({ serverUrlOverride: null, rendererDevUrl: null });
  });

  it("reads and normalises both URLs", () => {
    const env = loadMainEnv({ GLOW_SERVER_URL: "https://glow.example/", ELECTRON_RENDERER_URL: "http://localhost:5173/" });
    expect(env).toEqual({ serverUrlOverride: "https://glow.example", rendererDevUrl: "http://localhost:5173" });
  });

  it("names the variable that holds a bad URL", () => {
    expect(() => loadMainEnv({ GLOW_SERVER_URL: "file:///etc/passwd" })).toThrow(EnvError);
    expect(() => loadMainEnv({ GLOW_SERVER_URL: "file:///etc/passwd" })).toThrow(/^GLOW_SERVER_URL: /);
  });
});
