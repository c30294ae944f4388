// The keys that seal social platforms' tokens at rest (decision 024): TOKEN_ENCRYPTION_KEYS when
// set (every instance and worker must share them), else a key file made once under
// GLOW_DATA_DIR/secrets — never in the database, so a dump of it holds no usable token.
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatTokenKeys, generateTokenKey, parseTokenKeys, type TokenKey } from "@glow/api";
import type { ServerEnv } from "./env.ts";
import type { Logger } from "./logger.ts";

export function tokenKeyFile(env: Pick<ServerEnv, "GLOW_DATA_DIR">): string {
  return path.join(env.GLOW_DATA_DIR, "secrets", "token-keys");
}

export function loadTokenKeys(env: Pick<ServerEnv, "TOKEN_ENCRYPTION_KEYS" | "GLOW_DATA_DIR" | "NODE_ENV">, logger: Logger): TokenKey[] {
  if (env.TOKEN_ENCRYPTION_KEYS) return env.TOKEN_ENCRYPTION_KEYS;
  const file = tokenKeyFile(env);
  if (env.NODE_ENV === "production")
    logger.warn({ file }, "TOKEN_ENCRYPTION_KEYS is not set: tokens are sealed with a key file on this machine only");
  try {
    return parseTokenKeys(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": another process starting at the same moment keeps its own, and this one reads it.
    writeFileSync(file, `${formatTokenKeys([generateTokenKey(`k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`)])}\n`, {
      mode: 0o600,
      flag: "wx",
    });
    logger.info({ file }, "made the token encryption key file");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return parseTokenKeys(readFileSync(file, "utf8"));
}

/**
 * What the sandbox platform signs its codes and tokens with: derived from the oldest token key,
 * so every instance agrees and a new key put first does not log sandbox accounts out.
 */
export function sandboxSecret(keys: readonly TokenKey[]): Buffer {
  return createHmac("sha256", keys.at(-1)!.key).update("glow publish sandbox platform").digest();
}
