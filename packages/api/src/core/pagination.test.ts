import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigintCursor, byId, byNewest, instantUuidCursor, pageInput, toPage, uuidCursor } from "./pagination.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const newest = byNewest("id", "desc");

/** One page of outbox emails, newest first, as an admin list reads it. */
async function outboxPage(cursor: string | undefined, limit: number) {
  const rows = await database.db.outboxEmail.findMany({
    where: { to: "pages@glow.test", ...newest.after(cursor) },
    orderBy: newest.orderBy,
    take: limit + 1,
  });
  return toPage(rows, limit, newest, (row) => row.subject);
}

describe("keyset pagination", () => {
  it("keeps a list's own OR (a search) on every page when the cursor is spread beside it", async () => {
    const to = (n: number) => (n % 2 === 0 ? "match@glow.test" : "other@glow.test");
    for (let n = 0; n < 6; n++) await database.db.outboxEmail.create({ data: { to: to(n), subject: `search ${n}`, text: "" } });
    const pageOf = async (cursor: string | undefined) => {
      const rows = await database.db.outboxEmail.findMany({
        where: { OR: [{ to: "match@glow.test" }, { subject: "no such subject" }], ...newest.after(cursor) },
        orderBy: newest.orderBy,
        take: 2,
      });
      return toPage(rows, 1, newest, (row) => row.to);
    };
    const first = await pageOf(undefined);
    const second = await pageOf(first.nextCursor!);
    const third = await pageOf(second.nextCursor!);
    expect([...first.items, ...second.items, ...third.items]).toEqual(["match@glow.test", "match@glow.test", "match@glow.test"]);
  });

  it("takes only cursors the database can compare with", () => {
    expect(uuidCursor.safeParse("00000000-0000-0000-0000-000000000000").success).toBe(true);
    expect(uuidCursor.safeParse("-".repeat(36)).success).toBe(false);
    expect(uuidCursor.safeParse("0".repeat(36)).success).toBe(false);
    expect(bigintCursor.safeParse("9223372036854775807").success).toBe(true);
    expect(bigintCursor.safeParse("9223372036854775808").success).toBe(false);
    expect(bigintCursor.safeParse("9999999999999999999").success).toBe(false);
    // Refused, not thrown: zod runs the range check after a failed pattern check too.
    expect(bigintCursor.safeParse("1_0b5f6d0e").success).toBe(false);
    const id = "0b5f6d0e-3c1a-4c7e-9a3b-2f1d4e5c6b7a";
    expect(instantUuidCursor.safeParse(`1767225600000_${id}`).success).toBe(true);
    expect(instantUuidCursor.safeParse(`0_${id}`).success).toBe(true);
    expect(instantUuidCursor.safeParse(`9999999999999999_${id}`).success).toBe(false);
    expect(instantUuidCursor.safeParse(`000000000000000_${"-".repeat(36)}`).success).toBe(false);
  });

  it("pageInput takes the keyset's cursor and bounds the page size", () => {
    const input = pageInput(byId, { default: 10, max: 50 });
    expect(input.parse({})).toEqual({ limit: 10 });
    expect(input.safeParse({ limit: 51 }).success).toBe(false);
    expect(input.safeParse({ cursor: "12_nope" }).success).toBe(false);
  });

  it("walks newest first through rows that share an instant, each once, in the order of one query", async () => {
    const at = new Date("2026-11-01T10:00:00.000Z");
    const emails = Array.from({ length: 7 }, (_, i) => ({
      to: "pages@glow.test",
      subject: `mail ${i}`,
      text: "",
      createdAt: i < 4 ? at : new Date(at.getTime() + i * 1000),
    }));
    await database.db.outboxEmail.createMany({ data: emails });
    const all = await database.db.outboxEmail.findMany({ where: { to: "pages@glow.test" }, orderBy: newest.orderBy });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await outboxPage(cursor, 2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((row) => row.subject));
  });

  it("goes on after the row its cursor names was deleted", async () => {
    const first = await outboxPage(undefined, 3);
    const rest = (await database.db.outboxEmail.findMany({ where: { to: "pages@glow.test" }, orderBy: newest.orderBy }))
      .slice(3)
      .map((row) => row.subject);
    const [ms, id] = first.nextCursor!.split("_");
    expect(Number(ms)).toBeGreaterThan(0);
    await database.db.outboxEmail.delete({ where: { id: id! } });
    const second = await outboxPage(first.nextCursor!, 3);
    expect(second.items).toEqual(rest.slice(0, 3));
  });
});
