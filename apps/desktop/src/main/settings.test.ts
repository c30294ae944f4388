import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseHttpUrl } from "./http-url.ts";
import { createSettingsStore, DEFAULT_SERVER_URL, SETTINGS_FILE } from "./settings.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-settings-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const store = (serverUrlOverride: string | null = null) => createSettingsStore({ dir, serverUrlOverride });
const savedFile = async (): Promise<unknown> => JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), "utf8"));

describe("parseHttpUrl", () => {
  it("normalises http(s) URLs without a trailing slash, keeping a path prefix", () => {
    expect(parseHttpUrl(" http://127.0.0.1:3000/ ")).toBe("http://127.0.0.1:3000");
    expect(parseHttpUrl("https://glow.example/api/")).toBe("https://glow.example/api");
  });

  it.each([
    ["file:///etc/passwd", /http:\/\/ or https:\/\//],
    ["javascript:alert(1)", /http:\/\/ or https:\/\//],
    ["ftp://glow.example", /http:\/\/ or https:\/\//],
    ["glow.example", /Not a URL/],
    ["https://user:secret@glow.example", /password/],
    ["https://glow.example/?next=x", /query/],
    ["", /Enter a URL/],
    [42, /Enter a URL/],
  ])("refuses %s", (input, message) => {
    expect(() => parseHttpUrl(input)).toThrow(message);
  });
});

describe("settings store", () => {
  it("starts from the default server URL", async () => {
    expect(await store().serverUrl()).toBe(DEFAULT_SERVER_URL);
  });

  it("persists the server URL as JSON in its folder, for the next start", async () => {
    expect(await store().setServerUrl("https://glow.example/")).toEqual({ ok: true, serverUrl: "https://glow.example" });
    expect(await savedFile()).toEqual({ serverUrl: "https://glow.example" });
    expect(await store().serverUrl()).toBe("https://glow.example");
  });

  it("refuses a URL that is not http(s), and keeps the saved one", async () => {
    await store().setServerUrl("https://glow.example");
    for (const bad of ["file:///etc/passwd", "javascript:alert(1)", "not a url", 42]) {
      const result = await store().setServerUrl(bad);
      expect(result.ok, String(bad)).toBe(false);
    }
    expect(await savedFile()).toEqual({ serverUrl: "https://glow.example" });
  });

  it("lets GLOW_SERVER_URL win, and says so instead of saving", async () => {
    await store().setServerUrl("https://saved.example");
    const overridden = store("https://override.example");
    expect(await overridden.serverUrl()).toBe("https://override.example");
    expect(await overridden.setServerUrl("https://other.example")).toMatchObject({ ok: false, error: /GLOW_SERVER_URL/ });
    expect(await savedFile()).toEqual({ serverUrl: "https://saved.example" });
  });

  it("falls back to the default when the file is damaged or holds a bad URL", async () => {
    await writeFile(path.join(dir, SETTINGS_FILE), "{ not json");
    expect(await store().serverUrl()).toBe(DEFAULT_SERVER_URL);
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ serverUrl: "file:///etc/passwd" }));
    expect(await store().serverUrl()).toBe(DEFAULT_SERVER_URL);
  });

  it("creates its folder and keeps the last of several quick saves", async () => {
    const nested = createSettingsStore({ dir: path.join(dir, "a", "b"), serverUrlOverride: null });
    await Promise.all([nested.setServerUrl("https://one.example"), nested.setServerUrl("https://two.example")]);
    expect(await nested.serverUrl()).toBe("https://two.example");
  });
});
