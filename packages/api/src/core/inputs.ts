// Input rules every module shares, so that valid-looking input never reaches PostgreSQL as
// something it refuses (a 500): text it can store, dates it accepts, and search text taken
// literally in LIKE patterns. Cursors are pagination.ts's.
import { TRPCError } from "@trpc/server";
import { z, ZodRealError } from "zod";

// ── text ──

// A NUL character, or half of a surrogate pair (not UTF-8): PostgreSQL refuses the first,
// and the driver silently replaces the second. (`isWellFormed` is ES2024, past this
// workspace's ES2023 lib; every supported Node has it.)
const wellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();
const unstorable = (text: string) => text.includes("\u0000") || !wellFormed(text);

export const UNSTORABLE_TEXT_MESSAGE = "Contains a character that cannot be stored (a NUL character or an unpaired surrogate)";

type Path = Array<string | number>;
interface Visit {
  value: unknown;
  key: string | number;
  parent: Visit | null;
}

function pathOf(visit: Visit): Path {
  const path: Path = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** What an object holds, keyed as a field path names it; a Map's keys are values of their own. */
function childrenOf(value: object): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  if (value instanceof Set) return [...value].map((item, index) => [index, item]);
  if (value instanceof Map)
    return [...value].flatMap(([key, item]): Array<[string, unknown]> => [
      ["(key)", key],
      [String(key), item],
    ]);
  return Object.entries(value);
}

/**
 * Where a raw input (as the wire format decoded it) holds unstorable text, in values or in
 * object keys: the paths of the first `limit`. Iterative, so that any nesting depth is safe.
 */
export function unstorableTextPaths(input: unknown, limit = 10): Path[] {
  if (typeof input !== "object" || input === null) return typeof input === "string" && unstorable(input) ? [[]] : [];
  const found: Path[] = [];
  const seen = new Set<object>(); // a decoded input may share references
  const stack: Visit[] = [{ value: input, key: "", parent: null }];
  while (stack.length > 0 && found.length < limit) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === "string") {
      if (unstorable(value)) found.push(pathOf(visit));
      continue;
    }
    if (typeof value !== "object" || value === null || value instanceof Date || seen.has(value)) continue;
    seen.add(value);
    const plain = !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
    for (const [key, item] of childrenOf(value)) {
      if (plain && unstorable(key as string)) found.push([...pathOf(visit), key]);
      stack.push({ value: item, key, parent: visit });
    }
  }
  return found.slice(0, limit);
}

/** Refuses a call whose input holds unstorable text, as a zod failure naming each field would. */
export function refuseUnstorableText(input: unknown): void {
  const paths = unstorableTextPaths(input);
  if (paths.length === 0) return;
  const issues = paths.map((path) => ({ code: "custom" as const, path, message: UNSTORABLE_TEXT_MESSAGE, input: undefined }));
  // ZodRealError is the Error subclass zod's own parse throws; tRPC keeps only Errors as causes.
  throw new TRPCError({ code: "BAD_REQUEST", cause: new ZodRealError(issues) });
}

// ── dates ──

export const EARLIEST_DATE = new Date("1970-01-01T00:00:00.000Z");
export const LATEST_DATE = new Date("2200-01-01T00:00:00.000Z");

/** An instant between 1970 and 2200: JavaScript's own range (years −271821 to 275760) is wider than PostgreSQL's. */
export const dateInput = z.date().min(EARLIEST_DATE, "A date from 1970 on").max(LATEST_DATE, "A date before 2200");

// ── search ──

/** `text` taken literally inside a LIKE/ILIKE pattern: Prisma's `contains`/`startsWith` pass `%`, `_` and `\` through as wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** A Prisma filter: the column contains `text` (any case), literally. */
export function containsText(text: string): { contains: string; mode: "insensitive" } {
  return { contains: escapeLike(text), mode: "insensitive" };
}

/** A Prisma filter: the column starts with `text`, literally. */
export function startsWithText(text: string): { startsWith: string } {
  return { startsWith: escapeLike(text) };
}
