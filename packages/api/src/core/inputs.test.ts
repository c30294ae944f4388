import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestServices, testContext } from "../testing.ts";
import { authedProcedure, createCallerFactory, publicProcedure, router } from "../trpc.ts";
import { dateInput, escapeLike, unstorableTextPaths } from "./inputs.ts";

describe("unstorable text", () => {
  it("finds NUL characters and unpaired surrogates in values and keys, at any depth, and names their paths", () => {
    expect(unstorableTextPaths({ name: "Ada", tags: ["ok", "😀"], limit: 10, at: new Date() })).toEqual([]);
    const found = unstorableTextPaths({ name: "a\u0000b", rows: [{ handle: "ok" }, { handle: "x\ud800" }], "k\u0000": 1, tail: "\udc00" });
    expect(found.map((path) => path.join(".")).sort()).toEqual(["k\u0000", "name", "rows.1.handle", "tail"]);
    expect(unstorableTextPaths("\u0000")).toEqual([[]]);
    expect(unstorableTextPaths(new Map([["k", "\u0000"]]))).toEqual([["k"]]);
  });

  it("walks a 100,000-deep array without overflowing the stack, and stops at shared references", () => {
    const deep = JSON.parse("[".repeat(100_000) + '"\\u0000"' + "]".repeat(100_000)) as unknown;
    expect(unstorableTextPaths({ rows: deep })[0]).toHaveLength(100_001);
    const shared: Record<string, unknown> = { a: "ok" };
    shared.self = shared;
    expect(unstorableTextPaths({ x: shared, y: shared })).toEqual([]);
  });
});

describe("every procedure refuses unstorable text before its own schema runs", () => {
  // Schemas that accept any string: the base procedures still refuse, so no module can forget to.
  const anything = router({
    echo: publicProcedure.input(z.object({ name: z.string(), notes: z.array(z.unknown()) })).mutation(({ input }) => input.name),
    mine: authedProcedure.input(z.unknown()).query(() => "mine"),
  });
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  const caller = (signedIn: boolean) =>
    createCallerFactory(anything)(
      testContext(createTestServices(database.db), {
        caller: signedIn ? { kind: "session", sessionId: "s", userId: "u", roles: ["user"], permissions: [] } : null,
      }),
    );

  it("answers BAD_REQUEST naming each field that holds a NUL or an unpaired surrogate", async () => {
    expect(await caller(false).echo({ name: "Ada 😀", notes: [] })).toBe("Ada 😀");
    const refusal = caller(false).echo({ name: "Ada\u0000", notes: [{ text: "\ud83d" }] });
    await expect(refusal).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const error = (await refusal.catch((e: unknown) => e)) as { cause: z.ZodError };
    expect(error.cause.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["name", "notes.0.text"]);
    await expect(caller(true).mine({ search: "%\u0000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("shared input schemas", () => {
  it("take dates from 1970 to 2200 only", () => {
    expect(dateInput.safeParse(new Date("2026-06-01")).success).toBe(true);
    expect(dateInput.safeParse(new Date(8.64e15)).success).toBe(false);
    expect(dateInput.safeParse(new Date(-8.64e15)).success).toBe(false);
    expect(dateInput.safeParse(new Date(Number.NaN)).success).toBe(false);
  });

  it("escape LIKE wildcards and the escape character", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
  });
});
