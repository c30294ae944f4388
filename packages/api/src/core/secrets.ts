// Third-party secrets at rest (social platforms' OAuth tokens): AES-256-GCM with a random
// 96-bit nonce per value and the key's id stored beside the ciphertext (decision 024). Keys
// come from outside the database (TOKEN_ENCRYPTION_KEYS, or a key file in the data folder in
// the embedded default), so a dump of the database holds no usable token. The first key
// encrypts; every listed key decrypts, so a new key can be put first and a job re-encrypts.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface TokenKey {
  /** Short and stable: written into every value it seals. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

const FORMAT = "gcm1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class TokenKeyError extends Error {}

/** "id:base64key,id2:base64key" (first encrypts) into keys; throws TokenKeyError naming what is wrong. */
export function parseTokenKeys(value: string): TokenKey[] {
  const keys = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, encoded, ...rest] = part.split(":");
      if (!id || !encoded || rest.length > 0 || !KEY_ID.test(id)) throw new TokenKeyError(`"${part.slice(0, 12)}…" is not id:base64key`);
      const key = Buffer.from(encoded, "base64");
      if (key.length !== 32) throw new TokenKeyError(`Key "${id}" is ${key.length} bytes; AES-256 needs 32`);
      return { id, key };
    });
  if (keys.length === 0) throw new TokenKeyError("No keys given");
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new TokenKeyError("Two keys share an id");
  return keys;
}

export function generateTokenKey(id: string): TokenKey {
  return { id, key: randomBytes(32) };
}

export function formatTokenKeys(keys: readonly TokenKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString("base64")}`).join(",");
}

export class TokenCipher {
  readonly #keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly TokenKey[]) {
    if (keys.length === 0) throw new TokenKeyError("No keys given");
    this.#keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0]!.id;
  }

  /**
   * `context` (e.g. "publish_accounts.access_token") is authenticated with the value, so a
   * ciphertext copied into another column does not decrypt there.
   */
  encrypt(plain: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#keys.get(this.currentKeyId)!, nonce);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}:${this.currentKeyId}:${nonce.toString("base64url")}:${sealed.toString("base64url")}`;
  }

  /** Throws when the value was not sealed by one of these keys, in this context, unaltered. */
  decrypt(value: string, context: string): string {
    const [format, keyId, nonce, sealed] = value.split(":");
    if (format !== FORMAT || !keyId || !nonce || !sealed) throw new TokenKeyError("Not a sealed value");
    const key = this.#keys.get(keyId);
    if (!key) throw new TokenKeyError(`Sealed with key "${keyId}", which is not configured`);
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  }

  /** The key id a value was sealed with (null when it is not a sealed value). */
  keyIdOf(value: string): string | null {
    const [format, keyId] = value.split(":");
    return format === FORMAT && keyId ? keyId : null;
  }

  /** Sealed with an older key: the re-encryption job rewrites it. */
  needsRotation(value: string): boolean {
    return this.keyIdOf(value) !== this.currentKeyId;
  }
}
