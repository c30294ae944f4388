// A secret the server makes for itself at first use and keeps in server_secrets, so that the
// embedded default needs no configuration and every instance sharing the database agrees on it.
import { randomBytes } from "node:crypto";
import type { Db } from "@glow/db";

const cached = new WeakMap<Db, Map<string, Promise<Buffer>>>();

/** The 32 random bytes stored under `name`, made by whichever instance asks first. */
export function serverSecret(db: Db, name: string): Promise<Buffer> {
  let byName = cached.get(db);
  if (!byName) cached.set(db, (byName = new Map()));
  let secret = byName.get(name);
  if (!secret) {
    secret = (async () => {
      // Two instances starting at once: the first insert wins, both read the winner.
      await db.serverSecret.createMany({ data: [{ name, value: randomBytes(32).toString("base64url") }], skipDuplicates: true });
      const row = await db.serverSecret.findUniqueOrThrow({ where: { name } });
      return Buffer.from(row.value, "base64url");
    })();
    secret.catch(() => byName.delete(name)); // a failed read is tried again next time
    byName.set(name, secret);
  }
  return secret;
}

/** The server_secrets row the local storage signs its URLs with when FILES_SIGNING_SECRET is not set. */
export const FILES_SIGNING_SECRET_NAME = "files_signing";
