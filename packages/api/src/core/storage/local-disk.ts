// The embedded default: files on the server's own disk, served back by the server itself at
// /files/<key> through URLs it signs with HMAC-SHA256 (decision 021).
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { NotFoundError } from "../errors.ts";
import { validKey } from "./keys.ts";
import { maxBytesOption, mimeType, rangeWithin, signedUrlSeconds, type ByteRange, type Storage, type StoredObject } from "./storage.ts";

export interface LocalDiskStorageOptions {
  /** The folder that holds everything (the server passes `<GLOW_DATA_DIR>/files`); made on first write. */
  root: string;
  /** The server's base URL as browsers reach it: signed URLs point at `${publicUrl}/files/<key>`. */
  publicUrl: string;
  /** The HMAC key: FILES_SIGNING_SECRET as given, or a function that reads it (from server_secrets). */
  secret: string | Buffer | (() => Promise<Buffer>);
}

/** What a signed /files request turned out to be. */
export type SignedRequestVerdict =
  | { ok: true; key: string; expiresAt: Date; upload: { contentType: string; maxBytes: number } | null }
  | { ok: false; reason: "expired" | "invalid" };

const ENOENT = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

export class LocalDiskStorage implements Storage {
  readonly kind = "local";
  readonly root: string;
  private readonly publicUrl: string;
  private readonly secretSource: LocalDiskStorageOptions["secret"];
  private secret: Promise<Buffer> | null = null;

  constructor(options: LocalDiskStorageOptions) {
    this.root = path.resolve(options.root);
    this.publicUrl = options.publicUrl.replace(/\/+$/, "");
    this.secretSource = options.secret;
  }

  // Data and metadata live in separate trees, so no key can name the other's files.
  private dataPath(key: string): string {
    return path.join(this.root, "objects", validKey(key));
  }

  private metaPath(key: string): string {
    return path.join(this.root, "meta", `${validKey(key)}.json`);
  }

  private async tempPath(): Promise<string> {
    const dir = path.join(this.root, "tmp");
    await mkdir(dir, { recursive: true });
    return path.join(dir, randomUUID());
  }

  async put(key: string, body: Buffer | NodeJS.ReadableStream, options: { contentType: string }): Promise<StoredObject> {
    const dataPath = this.dataPath(key);
    const metaPath = this.metaPath(key);
    const contentType = mimeType(options.contentType);
    const dataTemp = await this.tempPath();
    let size = 0;
    try {
      // Written beside, then renamed into place: a reader never sees half a file, and a body
      // that fails half-way (too big, connection lost) leaves nothing behind.
      if (Buffer.isBuffer(body)) {
        await writeFile(dataTemp, body);
        size = body.length;
      } else {
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            size += chunk.length;
            callback(null, chunk);
          },
        });
        await pipeline(body, counter, createWriteStream(dataTemp));
      }
      const metaTemp = await this.tempPath();
      await writeFile(metaTemp, JSON.stringify({ contentType }));
      await mkdir(path.dirname(metaPath), { recursive: true });
      await mkdir(path.dirname(dataPath), { recursive: true });
      await rename(metaTemp, metaPath);
      await rename(dataTemp, dataPath);
    } catch (error) {
      await rm(dataTemp, { force: true });
      throw error;
    }
    return { key, size, contentType };
  }

  async head(key: string): Promise<StoredObject | null> {
    const dataPath = this.dataPath(key);
    try {
      const [info, meta] = await Promise.all([stat(dataPath), readFile(this.metaPath(key), "utf8").catch(() => null)]);
      if (!info.isFile()) return null;
      const contentType = meta ? (JSON.parse(meta) as { contentType?: string }).contentType : undefined;
      return { key, size: info.size, contentType: contentType ?? "application/octet-stream" };
    } catch (error) {
      if (ENOENT(error) || (error as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const object = await this.head(key);
    if (!object) throw new NotFoundError("No such file");
    if (!range) return createReadStream(this.dataPath(key));
    const { start, end } = rangeWithin(range, object.size);
    return createReadStream(this.dataPath(key), { start, end });
  }

  async delete(key: string): Promise<void> {
    const dataPath = this.dataPath(key);
    await rm(dataPath, { force: true });
    await rm(this.metaPath(key), { force: true });
    // Empty folders left behind go too, up to (not including) the tree's own folder.
    for (const tree of ["objects", "meta"]) {
      const top = path.join(this.root, tree);
      let dir = path.dirname(path.join(top, key));
      while (dir.startsWith(`${top}${path.sep}`)) {
        try {
          await rmdir(dir);
        } catch {
          break; // not empty (or gone): stop climbing
        }
        dir = path.dirname(dir);
      }
    }
  }

  async signedReadUrl(key: string, options: { expiresInSeconds?: number } = {}): Promise<{ url: string; expiresAt: Date }> {
    validKey(key);
    const expires = Math.floor(Date.now() / 1000) + signedUrlSeconds(options.expiresInSeconds);
    const signature = await this.sign(["GET", key, String(expires)]);
    return { url: `${this.publicUrl}/files/${key}?expires=${expires}&signature=${signature}`, expiresAt: new Date(expires * 1000) };
  }

  async signedUploadUrl(
    key: string,
    options: { contentType: string; maxBytes: number; expiresInSeconds?: number },
  ): Promise<{ url: string; method: "PUT"; headers: Record<string, string>; expiresAt: Date }> {
    validKey(key);
    const contentType = mimeType(options.contentType);
    const maxBytes = maxBytesOption(options.maxBytes);
    const expires = Math.floor(Date.now() / 1000) + signedUrlSeconds(options.expiresInSeconds);
    const signature = await this.sign(["PUT", key, String(expires), contentType, String(maxBytes)]);
    const query = new URLSearchParams({ expires: String(expires), contentType, maxBytes: String(maxBytes), signature });
    return {
      url: `${this.publicUrl}/files/${key}?${query}`,
      method: "PUT",
      headers: { "content-type": contentType },
      expiresAt: new Date(expires * 1000),
    };
  }

  /**
   * Checks a /files request's signature and expiry: `GET` (HEAD counts as GET) must carry a
   * read signature, `PUT` an upload signature for the content type and size limit in its query.
   */
  async verify(method: "GET" | "PUT", key: string, query: URLSearchParams, now = Date.now()): Promise<SignedRequestVerdict> {
    const expiresText = query.get("expires") ?? "";
    const given = query.get("signature") ?? "";
    if (!/^\d{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(given)) return { ok: false, reason: "invalid" };
    let parts = [method, key, expiresText];
    let upload: { contentType: string; maxBytes: number } | null = null;
    if (method === "PUT") {
      const contentType = query.get("contentType") ?? "";
      const maxBytesText = query.get("maxBytes") ?? "";
      if (!/^\d{1,15}$/.test(maxBytesText)) return { ok: false, reason: "invalid" };
      parts = [...parts, contentType, maxBytesText];
      upload = { contentType, maxBytes: Number(maxBytesText) };
    }
    const expected = Buffer.from(await this.sign(parts));
    // Constant time, and the signature is checked before the expiry, so a forged link never
    // learns whether its expiry would have passed.
    if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: "invalid" };
    const expiresAt = new Date(Number(expiresText) * 1000);
    if (expiresAt.getTime() <= now) return { ok: false, reason: "expired" };
    return { ok: true, key, expiresAt, upload };
  }

  private async sign(parts: string[]): Promise<string> {
    return createHmac("sha256", await this.signingKey())
      .update(parts.join("\n"))
      .digest("base64url");
  }

  private signingKey(): Promise<Buffer> {
    const source = this.secretSource;
    if (typeof source === "string") return Promise.resolve(Buffer.from(source, "utf8"));
    if (Buffer.isBuffer(source)) return Promise.resolve(source);
    if (!this.secret) {
      this.secret = source();
      this.secret.catch(() => (this.secret = null)); // a failed read is tried again next time
    }
    return this.secret;
  }
}
