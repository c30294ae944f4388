// Device cookies, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a
// browser that signed in to an account gets a cookie the server signs, naming the account
// and a random device id. A sign-in that presents it is counted against that device's own
// limit instead of the account's lockout, so strangers' failures cannot lock the owner out
// of a browser they have signed in from before (decision 015).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@glow/db";
import type { Context } from "../../context.ts";
import type { CookieToSet } from "../../core/cookies.ts";
import { DEVICE_COOKIE, deviceCookie, readCookie } from "./credentials.ts";

const DEVICE_COOKIE_SECONDS = 180 * 24 * 60 * 60;
const SIGNING_KEY_NAME = "device_cookie";

// The signing key is made at first use and kept in the database: the embedded default needs
// no configuration, and every instance sharing the database signs with the same key.
const signingKeys = new WeakMap<Db, Promise<Buffer>>();

function signingKey(db: Db): Promise<Buffer> {
  let key = signingKeys.get(db);
  if (!key) {
    key = (async () => {
      // Two instances starting at once: the first insert wins, both read the winner.
      await db.serverSecret.createMany({
        data: [{ name: SIGNING_KEY_NAME, value: randomBytes(32).toString("base64url") }],
        skipDuplicates: true,
      });
      const row = await db.serverSecret.findUniqueOrThrow({ where: { name: SIGNING_KEY_NAME } });
      return Buffer.from(row.value, "base64url");
    })();
    key.catch(() => signingKeys.delete(db)); // a failed read is tried again next time
    signingKeys.set(db, key);
  }
  return key;
}

const signature = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

/** The device cookie that tells this browser apart for the account it just signed in to (it replaces any other). */
export async function rememberDevice(db: Db, userId: string): Promise<CookieToSet> {
  const payload = `${userId}.${randomBytes(16).toString("base64url")}.${Math.floor(Date.now() / 1000)}`;
  return deviceCookie(`${payload}.${signature(await signingKey(db), payload)}`, DEVICE_COOKIE_SECONDS);
}

/** The device id of this browser's cookie when the server signed it, for `userId`, in the last 180 days; else null. */
export async function trustedDevice(ctx: Context, userId: string): Promise<string | null> {
  const value = readCookie(ctx.cookieHeader, DEVICE_COOKIE);
  const parts = value?.split(".") ?? [];
  if (parts.length !== 4) return null;
  const [cookieUserId, deviceId, issuedAt, presented] = parts as [string, string, string, string];
  if (cookieUserId !== userId || !deviceId) return null;
  const ageSeconds = Date.now() / 1000 - Number(issuedAt);
  if (!/^\d{1,12}$/.test(issuedAt) || ageSeconds < -300 || ageSeconds > DEVICE_COOKIE_SECONDS) return null;
  const expected = Buffer.from(signature(await signingKey(ctx.db), `${cookieUserId}.${deviceId}.${issuedAt}`));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : null;
}
