// Inputs for the every-procedure fuzz test: arbitraries derived from a procedure's zod input
// (through its JSON Schema), with hostile values mixed in at every level, and the wire
// payload tRPC's client would send for them.
import fc from "fast-check";
import superjson from "superjson";
import { z } from "zod";

/** The subset of JSON Schema that `z.toJSONSchema` writes for Glow's inputs. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  /** Marks what JSON Schema cannot say: a Date (superjson carries it) or no input at all. */
  "x-glow"?: "date" | "void";
}

export interface KnownValues {
  /** Real ids from the database (users, categories, creators, videos), so some calls reach past "not found". */
  ids: readonly string[];
}

// Stand-ins that survive superjson and are swapped in the JSON text: what superjson itself
// refuses to serialize ("__proto__", "constructor" keys) or would overflow its recursion (deep nesting).
const keyMarker = (name: string) => `\u0001key:${name}\u0001`;
const deepMarker = (depth: number) => `\u0001deep:${depth}\u0001`;

const DAY = 86_400_000;

/** Text a real caller would send (a strong password, a name, a handle, a category slug, a link), so more calls get past validation. */
const plausibleText = [
  "sunflower-violin-42",
  "Ada Lovelace",
  "fresh.face",
  "@calm.creator",
  "fitness",
  "yes",
  "42",
  "https://www.tiktok.com/@x/video/1",
];

/** Strings PostgreSQL, LIKE patterns, object lookups and parsers trip over. */
const hostileFragments = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ud83d",
  "%",
  "_",
  "\\",
  "%_\\",
  "100%",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "' OR '1'='1",
  "</script><script>alert(1)</script>",
  "\u202e\ufeff",
  "😀".repeat(40),
  "",
  " ",
];
const hostileString = fc.oneof(
  fc.constantFrom(...hostileFragments),
  fc.constantFrom("x".repeat(10_001), "é".repeat(2_000), "\u0000".repeat(500)),
  fc.string({ unit: "binary", maxLength: 40 }),
);

const hostileNumber = fc.constantFrom(
  0,
  -1,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  2 ** 31,
  2 ** 63,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

const hostileDate = fc.constantFrom(
  new Date(8.64e15), // +275760-09-13, the last date JavaScript allows
  new Date(-8.64e15), // -271821-04-20, the first
  new Date(0),
  new Date(Date.UTC(-1, 0, 1)),
  new Date(Date.UTC(9999, 11, 31)),
  new Date(Number.NaN),
);

/** Objects whose keys are Object.prototype's names: "__proto__" goes over the wire as an own key. */
const prototypeKeyed = fc.constantFrom<unknown>(
  { ["__proto__"]: { admin: true } },
  { constructor: { prototype: { admin: true } } },
  { toString: "x", hasOwnProperty: 1, valueOf: [] },
  { ["__proto__"]: "\u0000", constructor: "\ud800" },
);

const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, {}, [], "x", 42, [[[]]], 10n ** 30n, -(2n ** 64n)),
  fc.constantFrom(deepMarker(100_000), deepMarker(4_000)),
  prototypeKeyed,
);

const hostile: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, hostileDate, wrongType);

function pickArray<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...values);
}

/** A value of the schema's shape; with `hostileToo`, hostile values are mixed in at every level. */
function mixed(schema: JsonSchema, known: KnownValues, depth: number, hostileToo: boolean): fc.Arbitrary<unknown> {
  const valid = validFor(schema, known, depth, hostileToo);
  if (!hostileToo) return valid;
  if (schema.type !== "string") return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostile });
  // Text fields get hostile text more often: alone, or spliced into an otherwise valid value.
  const spliced = fc
    .tuple(valid, fc.constantFrom(...hostileFragments), fc.boolean())
    .map(([text, bad, before]) => (before ? `${bad}${String(text)}` : `${String(text)}${bad}`));
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: spliced }, { weight: 1, arbitrary: hostile });
}

function stringFor(schema: JsonSchema, known: KnownValues): fc.Arbitrary<string> {
  if (schema.format === "uuid") {
    return fc.oneof(
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: pickArray(known.ids) },
      { weight: 1, arbitrary: fc.constantFrom("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff") },
    );
  }
  if (schema.format === "email") {
    const plain = fc.stringMatching(/^[a-z]{3,12}$/).map((name) => `${name}@example.test`);
    return fc.oneof(plain, fc.emailAddress(), fc.constantFrom("Person%_@Example.test", "a\\b@example.test"));
  }
  if (schema.format === "uri") return fc.oneof(fc.webUrl({ validSchemes: ["https"] }), fc.webUrl());
  if (schema.pattern) {
    // Cursors and ids: values of the right shape, and shapes a loose pattern lets through.
    return fc.oneof(
      fc.stringMatching(new RegExp(schema.pattern)),
      fc.constantFrom("9".repeat(19), "0".repeat(15) + "_" + "-".repeat(36), "9".repeat(15) + "_" + "0".repeat(36)),
    );
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: "grapheme" }), {
    weight: 2,
    arbitrary: pickArray(plausibleText),
  });
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e6;
  if (schema.type === "integer") return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
  return fc.double({ min, max, noNaN: true });
}

function validFor(schema: JsonSchema, known: KnownValues, depth: number, hostileToo: boolean): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema["x-glow"] === "void") return fc.constant(undefined);
  if (schema["x-glow"] === "date") {
    // Mostly recent instants (filters over "the last days"), sometimes anywhere in a century.
    return fc.oneof(
      fc.integer({ min: -400 * DAY, max: 400 * DAY }).map((offset) => new Date(Date.now() + offset)),
      fc.date({ min: new Date("1950-01-01"), max: new Date("2150-01-01"), noInvalidDate: true }),
    );
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((variant) => validFor(variant, known, depth + 1, hostileToo)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return pickArray(schema.enum);
  switch (schema.type) {
    case "string":
      return stringFor(schema, known);
    case "number":
    case "integer":
      return numberFor(schema);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 5, 5));
      return fc.array(mixed(schema.items ?? {}, known, depth + 1, hostileToo), { minLength, maxLength });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, mixed(property, known, depth + 1, hostileToo)])),
        { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
      );
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        const extra = fc.dictionary(
          fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("constructor", "toString", "__proto__")),
          mixed(schema.additionalProperties, known, depth + 1, hostileToo),
          { maxKeys: 6 },
        );
        return fc.tuple(record, extra).map(([fixed, more]) => ({ ...more, ...fixed }));
      }
      return record;
    }
    default:
      return hostileToo ? fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostile) : fc.jsonValue({ maxDepth: 2 });
  }
}

/** The JSON Schema of a zod input, with dates and void marked (JSON Schema has neither). */
export function inputSchemaOf(parser: z.ZodType): JsonSchema {
  return z.toJSONSchema(parser, {
    io: "input",
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      const type = zodSchema._zod.def.type;
      if (type === "date") (jsonSchema as JsonSchema)["x-glow"] = "date";
      if (type === "void" || type === "undefined") (jsonSchema as JsonSchema)["x-glow"] = "void";
    },
  }) as JsonSchema;
}

/** Inputs for a procedure: shaped by its schema, hostile values mixed in, sometimes nothing at all. */
export function inputArbitrary(parser: z.ZodType | undefined, known: KnownValues): fc.Arbitrary<unknown> {
  if (!parser) return fc.oneof(fc.constant(undefined), hostile);
  const schema = inputSchemaOf(parser);
  // Some inputs are well-formed throughout, to reach the code behind validation; most carry hostile values somewhere.
  return fc.oneof(
    { weight: 3, arbitrary: mixed(schema, known, 0, false) },
    { weight: 5, arbitrary: mixed(schema, known, 0, true) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Inputs a real caller could send, shaped by the schema with no hostile value anywhere (undefined when it takes none). */
export function wellFormedInput(parser: z.ZodType | undefined, known: KnownValues): fc.Arbitrary<unknown> {
  return parser ? mixed(inputSchemaOf(parser), known, 0, false) : fc.constant(undefined);
}

const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** `value` with the keys superjson refuses renamed to stand-ins (own keys only, as JSON.parse makes them). */
function withMarkedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withMarkedKeys);
  if (value === null || typeof value !== "object" || ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [REFUSED_KEYS.has(key) ? keyMarker(key) : key, withMarkedKeys(inner)]),
  );
}

/** The JSON text of tRPC's wire envelope for `input` (superjson), with the stand-ins swapped in. */
export function wirePayload(input: unknown): string {
  const text = JSON.stringify(superjson.serialize(withMarkedKeys(input)));
  return text
    .replace(/"\\u0001key:(\w+)\\u0001"/g, '"$1"')
    .replace(/"\\u0001deep:(\d+)\\u0001"/g, (_, depth: string) => "[".repeat(Number(depth)) + "]".repeat(Number(depth)));
}

/** A short, printable account of an input for a failure message (long strings cut, stand-ins named). */
export function describeInput(input: unknown): string {
  const text = JSON.stringify(superjson.serialize(withMarkedKeys(input)).json, (_key, value: unknown) =>
    typeof value === "string" && value.length > 80 ? `${value.slice(0, 40)}…(${value.length} chars)` : value,
  );
  return (text ?? "undefined").replace(/\\u0001key:(\w+)\\u0001/g, "$1").replace(/\\u0001deep:(\d+)\\u0001/g, "<array nested $1 deep>");
}
