import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serializeOutput } from "./wire.ts";

/** Answers as procedures return them, and the values only superjson can write. */
const answer = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: false }),
    fc.constant(undefined),
    fc.bigInt(),
    fc.constant(-0),
    fc.array(tie("value")),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("a.b", "a\\b", "\\.", "__proto__", "constructor")), tie("value")),
  ),
})).value;

const wire = (serialized: unknown) => JSON.stringify(serialized);

/** The bytes written, or what was thrown (superjson refuses a "__proto__" key, and must go on refusing it). */
function written(serialize: () => unknown): string {
  try {
    return wire(serialize());
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

describe("the output transformer", () => {
  it("writes the same bytes as superjson, for any answer", () => {
    fc.assert(
      fc.property(answer, (value) => {
        expect(written(() => serializeOutput(value))).toBe(written(() => superjson.serialize(value)));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back through superjson as what was sent", () => {
    fc.assert(
      fc.property(answer, (value) => {
        const bytes = written(() => serializeOutput(value));
        fc.pre(!bytes.startsWith("refused"));
        expect(superjson.deserialize(JSON.parse(bytes))).toEqual(superjson.deserialize(JSON.parse(wire(superjson.serialize(value)))));
      }),
      { numRuns: 1000 },
    );
  });

  it("names Dates by their escaped paths, and a Date at the root", () => {
    const at = new Date("2026-12-01T10:00:00.000Z");
    expect(JSON.parse(wire(serializeOutput({ "a.b": { c: [1, at] }, d: at })))).toEqual({
      json: { "a.b": { c: [1, at.toISOString()] }, d: at.toISOString() },
      meta: { values: { "a\\.b.c.1": ["Date"], d: ["Date"] }, v: 1 },
    });
    expect(JSON.parse(wire(serializeOutput(at)))).toEqual({ json: at.toISOString(), meta: { values: ["Date"], v: 1 } });
    expect(wire(serializeOutput({ "": at }))).toBe(wire(superjson.serialize({ "": at })));
    expect(serializeOutput({ plain: [1, "two", null] })).toEqual({ json: { plain: [1, "two", null] } });
  });

  it("leaves sparse arrays, class instances and Maps to superjson", () => {
    class Money {
      cents: number;
      constructor(cents: number) {
        this.cents = cents;
      }
    }
    const sparse = [1, 2, 3];
    delete sparse[1];
    for (const value of [sparse, { amount: new Money(5) }, { tags: new Map([["a", 1]]) }, { at: new Date(Number.NaN) }]) {
      expect(wire(serializeOutput(value))).toBe(wire(superjson.serialize(value)));
    }
  });
});
