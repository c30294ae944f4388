// Files behind one interface (decision 021): local disk in the embedded default, any
// S3-compatible service in production. Keys are checked by keys.ts before either touches them.
import { InvalidInputError } from "../errors.ts";

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
}

/** The bytes start..end, both inclusive (as HTTP's Range counts them). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface Storage {
  /** "local" or "s3": for logs and for the server, which serves /files only for local disk. */
  readonly kind: "local" | "s3";
  put(key: string, body: Buffer | NodeJS.ReadableStream, options: { contentType: string }): Promise<StoredObject>;
  head(key: string): Promise<StoredObject | null>;
  /** The bytes [start, end] inclusive (whole object without a range). A missing object is a NotFoundError. */
  read(key: string, range?: ByteRange): Promise<NodeJS.ReadableStream>;
  /** Deleting what is not there is no error. */
  delete(key: string): Promise<void>;
  /** A URL a browser can GET until expiresAt (default and maximum 300 s, the seed's 5 minutes). */
  signedReadUrl(key: string, options?: { expiresInSeconds?: number }): Promise<{ url: string; expiresAt: Date }>;
  /** A URL a browser can PUT at most maxBytes of contentType to. */
  signedUploadUrl(
    key: string,
    options: { contentType: string; maxBytes: number; expiresInSeconds?: number },
  ): Promise<{ url: string; method: "PUT"; headers: Record<string, string>; expiresAt: Date }>;
}

/** The seed's five minutes: no signed URL lives longer. */
export const MAX_SIGNED_URL_SECONDS = 300;

/** How long a signed URL lives: the default and the ceiling are both five minutes. */
export function signedUrlSeconds(requested: number | undefined): number {
  if (requested === undefined) return MAX_SIGNED_URL_SECONDS;
  if (!Number.isInteger(requested) || requested < 1) throw new InvalidInputError("A link must live a whole number of seconds, at least 1");
  return Math.min(requested, MAX_SIGNED_URL_SECONDS);
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** A bare `type/subtype` (no parameters), lower-cased; anything else is refused. */
export function mimeType(contentType: string): string {
  const value = contentType.trim().toLowerCase();
  if (!MIME_TYPE.test(value)) throw new InvalidInputError(`Not a content type: ${JSON.stringify(contentType.slice(0, 60))}`, "contentType");
  return value;
}

/** Checks a range against the object's size: the end is clamped to the last byte, a start past it is refused. */
export function rangeWithin(range: ByteRange, size: number): ByteRange {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new InvalidInputError(`Not a byte range: ${start}-${end}`, "range");
  }
  if (start >= size) throw new InvalidInputError(`The range starts at byte ${start}, past the end of the file (${size} bytes)`, "range");
  return { start, end: Math.min(end, size - 1) };
}

export function maxBytesOption(maxBytes: number): number {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    throw new InvalidInputError("An upload needs a size limit of at least one byte", "maxBytes");
  return maxBytes;
}
