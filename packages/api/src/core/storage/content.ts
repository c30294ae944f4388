// What an uploaded file really is, judged by its bytes (file-type reads the magic numbers),
// never by its name or by the type the browser claimed.
import { InvalidInputError } from "../errors.ts";
import type { Storage } from "./storage.ts";

/** The videos a browser's <video> plays: what exercise videos accept. */
export const VIDEO_CONTENT_TYPES = ["video/mp4", "video/webm", "video/quicktime"] as const;

/** How many leading bytes file-type needs to tell the common formats apart (its own "reasonable" sample). */
export const SNIFF_BYTES = 4100;

export interface SniffedType {
  mime: string;
  ext: string;
}

/** The type the bytes show, or null when file-type knows no format that starts this way (plain text, say). */
export async function sniffContentType(head: Uint8Array): Promise<SniffedType | null> {
  // Loaded on first use, like the S3 SDK: most processes never sniff a file.
  const { fileTypeFromBuffer } = await import("file-type");
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  return found ? { mime: found.mime.toLowerCase(), ext: found.ext } : null;
}

const MB = 1024 * 1024;

/** Sizes as people read them: "80 MB", "3.5 MB", "512 KB". */
export function formatBytes(bytes: number, digits = bytes >= 10 * MB ? 0 : 1): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < MB ? [bytes / 1024, "KB"] : [bytes / MB, "MB"];
  return `${Number(value.toFixed(digits))} ${unit}`;
}

/** "This file is 80 MB; the limit is 50 MB." (or, before its size is known, "This file is over the 50 MB limit.") */
export function tooLargeMessage(size: number | null, maxBytes: number): string {
  const limit = formatBytes(maxBytes);
  if (size === null) return `This file is over the ${limit} limit.`;
  // Enough digits that the two sizes never read the same ("50 MB; the limit is 50 MB").
  let shown = formatBytes(size);
  for (let digits = 1; shown === limit && digits <= 3; digits++) shown = formatBytes(size, digits);
  return `This file is ${shown}; the limit is ${limit}.`;
}

const family = (mime: string) => mime.split("/")[0]!;
const NOUNS: Record<string, string> = { video: "video", image: "image", audio: "audio file" };
// "an image", "an MP4 video", "a PNG image": letters said with a vowel sound take "an".
const withArticle = (noun: string) => (/^([aeiou]|[AEFHILMNORSX][A-Z0-9]* )/.test(noun) ? `an ${noun}` : `a ${noun}`);
const FORMAT_NAMES: Record<string, string> = { "video/mp4": "MP4", "video/webm": "WebM", "video/quicktime": "QuickTime (MOV)" };
const formatName = (mime: string) =>
  FORMAT_NAMES[mime] ??
  mime
    .split("/")[1]!
    .replace(/^(x-|vnd\.)/, "")
    .toUpperCase();

/** "a PNG image", "a PDF file": what the bytes look like, in words. */
export function describeType(sniffed: SniffedType): string {
  return withArticle(`${sniffed.ext.toUpperCase()} ${NOUNS[family(sniffed.mime)] ?? "file"}`);
}

/**
 * Why a file of this sniffed type is refused, or null when it is accepted. `family` accepts any
 * type of the same kind as the accepted ones (any video/*): the upload route's first check,
 * before the exact list in inspectUpload.
 */
export function contentRefusal(accept: readonly string[], sniffed: SniffedType | null, match: "exact" | "family" = "exact"): string | null {
  const accepted = accept.map((type) => type.toLowerCase());
  const families = [...new Set(accepted.map(family))];
  const kind = families.length === 1 && NOUNS[families[0]!] ? withArticle(NOUNS[families[0]!]!) : "an accepted kind of file";
  if (!sniffed) return `This file is not ${kind} (we could not tell what kind of file it is).`;
  const ok = match === "exact" ? accepted.includes(sniffed.mime) : families.includes(family(sniffed.mime));
  if (ok) return null;
  if (families.includes(family(sniffed.mime))) {
    return `This ${NOUNS[family(sniffed.mime)] ?? "file"} is ${formatName(sniffed.mime)}; accepted are ${accepted.map(formatName).join(", ")}.`;
  }
  return `This file is not ${kind} (it looks like ${describeType(sniffed)}).`;
}

/**
 * Checks an uploaded object by its content: its size against maxBytes and its leading bytes
 * against the accepted MIME types. Returns the real type and size; when it refuses, the object
 * is deleted and an InvalidInputError on field "file" says why in words a person can act on.
 */
export async function inspectUpload(
  storage: Storage,
  key: string,
  options: { accept: readonly string[]; maxBytes: number },
): Promise<{ contentType: string; size: number }> {
  const object = await storage.head(key);
  if (!object) throw new InvalidInputError("The file did not arrive; upload it again.", "file");
  const refuse = async (message: string): Promise<never> => {
    await storage.delete(key);
    throw new InvalidInputError(message, "file");
  };
  if (object.size > options.maxBytes) return refuse(tooLargeMessage(object.size, options.maxBytes));
  if (object.size === 0) return refuse("This file is empty.");
  const head = await readAll(await storage.read(key, { start: 0, end: Math.min(object.size, SNIFF_BYTES) - 1 }));
  const sniffed = await sniffContentType(head);
  const refusal = contentRefusal(options.accept, sniffed);
  if (refusal) return refuse(refusal);
  return { contentType: sniffed!.mime, size: object.size };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
