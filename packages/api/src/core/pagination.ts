// Keyset pagination, the one way Glow's lists page. A page is the rows after the cursor in a
// fixed order, and the cursor is the last row's sort key itself, never a row to look up, so
// the next page still follows when that row was deleted, archived or left the list.
// A list picks its keyset (its order), takes `pageInput(keyset, …)`, answers `pageOutput(item)`:
//
//   const rows = await db.x.findMany({ where: { ...filters, ...byId.after(input.cursor) }, orderBy: byId.orderBy, take: input.limit + 1 });
//   return toPage(rows, input.limit, byId, view);
import { z } from "zod";
import { LATEST_DATE } from "./inputs.ts";

/** `{ items, nextCursor }`: nextCursor is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CURSOR_MESSAGE = "Not a cursor from this list";
const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** A UUID (zod's pattern is strict: `----…` or `0000…` shapes fail, which PostgreSQL would refuse). */
export const uuidCursor = z.uuid(CURSOR_MESSAGE);

/** Digits that fit PostgreSQL's bigint. */
export const bigintCursor = z
  .string()
  .regex(/^\d{1,19}$/, CURSOR_MESSAGE)
  // zod runs a refinement even after the regex failed: BigInt() would throw on a non-number.
  .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX, CURSOR_MESSAGE);

/** "<epoch ms>_<uuid>": a real instant in the date range and a real UUID. */
export const instantUuidCursor = z
  .string()
  .regex(/^\d{1,16}_[0-9a-f-]{36}$/, CURSOR_MESSAGE)
  .refine((value) => {
    const [ms, id] = value.split("_") as [string, string];
    return Number(ms) <= LATEST_DATE.getTime() && uuidCursor.safeParse(id).success;
  }, CURSOR_MESSAGE);

type Direction = "asc" | "desc";

/** An order a list pages in: the cursor it accepts, the Prisma order and filter, and the key of a row. */
export interface Keyset<Row, Where, OrderBy> {
  cursor: z.ZodType<string>;
  orderBy: OrderBy;
  /** The Prisma `where` part for the rows after `cursor`, to spread into the list's own (nothing on the first page). */
  after(cursor: string | undefined): Where | undefined;
  keyOf(row: Row): string;
}

/** By UUID id, ascending: a catalog in a stable, arbitrary order. */
export const byId: Keyset<{ id: string }, { id: { gt: string } }, { id: "asc" }> = {
  cursor: uuidCursor,
  orderBy: { id: "asc" },
  after: (cursor) => (cursor ? { id: { gt: cursor } } : undefined),
  keyOf: (row) => row.id,
};

/** By a bigint sequence, newest first: append-only logs (audit events, request logs). */
export const bySequenceNewestFirst: Keyset<{ id: bigint }, { id: { lt: bigint } }, { id: "desc" }> = {
  cursor: bigintCursor,
  orderBy: { id: "desc" },
  after: (cursor) => (cursor ? { id: { lt: BigInt(cursor) } } : undefined),
  keyOf: (row) => String(row.id),
};

// Wrapped in AND so that it can be spread beside a list's own OR (a search) without replacing it.
type NewestFirstWhere<K extends string> = {
  AND: [{ OR: [{ createdAt: { lt: Date } }, { createdAt: Date } & Record<K, { gt: string } | { lt: string }>] }];
};

/**
 * By `createdAt`, newest first, ties broken by the UUID `idField` in `tieOrder` (timestamps
 * are stored to the millisecond, as the cursor holds them).
 */
export function byNewest<K extends string>(
  idField: K,
  tieOrder: Direction,
): Keyset<{ createdAt: Date } & Record<K, string>, NewestFirstWhere<K>, [{ createdAt: "desc" }, Record<K, Direction>]> {
  return {
    cursor: instantUuidCursor,
    orderBy: [{ createdAt: "desc" }, { [idField]: tieOrder } as Record<K, Direction>],
    after(cursor) {
      if (!cursor) return undefined;
      const [ms, id] = cursor.split("_") as [string, string];
      const at = new Date(Number(ms));
      const tie = { [idField]: tieOrder === "asc" ? { gt: id } : { lt: id } } as Record<K, { gt: string } | { lt: string }>;
      return { AND: [{ OR: [{ createdAt: { lt: at } }, { createdAt: at, ...tie }] }] };
    },
    keyOf: (row) => `${row.createdAt.getTime()}_${row[idField]}`,
  };
}

/** A list's input: the keyset's cursor (absent on the first page) and a page size. */
export function pageInput(keyset: { cursor: z.ZodType<string> }, size: { default: number; max: number }) {
  return z.object({
    cursor: keyset.cursor.optional(),
    limit: z.number().int().min(1).max(size.max).default(size.default),
  });
}

/** A list's output: one page of `item`. */
export function pageOutput<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** The page in `rows`, fetched with `take: limit + 1`: the extra row only tells that a next page exists. */
export function toPage<Row, T>(rows: Row[], limit: number, keyset: { keyOf(row: NoInfer<Row>): string }, view: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(view), nextCursor: more ? keyset.keyOf(kept.at(-1)!) : null };
}
