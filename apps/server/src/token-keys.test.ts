// Where the server's token keys and social platforms come from: TOKEN_ENCRYPTION_KEYS, or a key
// file made once (mode 0600) under the data folder; platform credentials in pairs; the sandbox
// on by default outside production.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPlatforms, formatTokenKeys, generateTokenKey, TokenCipher } from "@glow/api";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError, loadEnv, platformsConfig } from "./env.ts";
import { createLogger } from "./logger.ts";
import { loadTokenKeys, sandboxSecret, tokenKeyFile } from "./token-keys.ts";

const logger = createLogger("silent");
const folders: string[] = [];
const dataDir = () => {
  const folder = mkdtempSync(path.join(tmpdir(), "glow-keys-"));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("token keys", () => {
  it("come from TOKEN_ENCRYPTION_KEYS when set, the first encrypting", () => {
    const keys = [generateTokenKey("new"), generateTokenKey("old")];
    const env = loadEnv({ TOKEN_ENCRYPTION_KEYS: formatTokenKeys(keys), GLOW_DATA_DIR: dataDir() });
    const loaded = loadTokenKeys(env, logger);
    expect(loaded.map((key) => key.id)).toEqual(["new", "old"]);
    expect(new TokenCipher(loaded).currentKeyId).toBe("new");
  });

  it("refuses a malformed TOKEN_ENCRYPTION_KEYS, naming it", () => {
    expect(() => loadEnv({ TOKEN_ENCRYPTION_KEYS: "k1:c2hvcnQ=" })).toThrow(EnvError);
    expect(() => loadEnv({ TOKEN_ENCRYPTION_KEYS: "k1:c2hvcnQ=" })).toThrow(/TOKEN_ENCRYPTION_KEYS: .*32/);
  });

  it("are otherwise made once in a key file only its owner reads, and read back the same", () => {
    const env = loadEnv({ GLOW_DATA_DIR: dataDir() });
    const first = loadTokenKeys(env, logger);
    const file = tokenKeyFile(env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadTokenKeys(env, logger);
    expect(second.map((key) => key.key.toString("base64"))).toEqual(first.map((key) => key.key.toString("base64")));
    expect(readFileSync(file, "utf8").trim()).toBe(formatTokenKeys(first));
    // A value sealed before a restart decrypts after it.
    const sealed = new TokenCipher(first).encrypt("token", "publish_accounts.access_token");
    expect(new TokenCipher(second).decrypt(sealed, "publish_accounts.access_token")).toBe("token");
  });

  it("sign the sandbox with the oldest key, so a rotation keeps sandbox accounts signed in", () => {
    const old = generateTokenKey("old");
    expect(sandboxSecret([generateTokenKey("new"), old])).toEqual(sandboxSecret([old]));
    expect(sandboxSecret([old])).not.toEqual(sandboxSecret([generateTokenKey("other")]));
  });
});

describe("publish platforms from the environment", () => {
  it("offers the sandbox by default outside production, and each platform whose credentials are set", () => {
    const secret = Buffer.alloc(32, 1);
    const dev = loadEnv({ X_CLIENT_ID: "x-id", X_CLIENT_SECRET: "x-secret", META_APP_ID: "m", META_APP_SECRET: "ms" });
    expect(dev.PUBLISH_SANDBOX).toBe(true);
    const ids = createPlatforms(platformsConfig(dev, secret), dev.PUBLIC_URL)
      .list()
      .map((platform) => platform.id);
    expect(ids).toEqual(["sandbox", "x", "instagram", "facebook"]);

    const production = loadEnv({ NODE_ENV: "production" });
    expect(production.PUBLISH_SANDBOX).toBe(false);
    expect(createPlatforms(platformsConfig(production, secret), production.PUBLIC_URL).list()).toEqual([]);
    expect(loadEnv({ NODE_ENV: "production", PUBLISH_SANDBOX: "1" }).PUBLISH_SANDBOX).toBe(true);
  });

  it("refuses half a credential pair", () => {
    expect(() => loadEnv({ X_CLIENT_ID: "x-id" })).toThrow(/X_CLIENT_ID, X_CLIENT_SECRET: set both or neither/);
    expect(() => loadEnv({ PUBLISH_TIKTOK_CLIENT_SECRET: "s" })).toThrow(/PUBLISH_TIKTOK_CLIENT_KEY/);
  });
});
