// What answers look like on the wire. Glow speaks superjson (Dates, Maps, bigints… survive the
// trip), but superjson's walker costs about 15× JSON.stringify on a large answer (1.8 ms
// against 0.12 ms for a 30 KB program, measured in benchmarks/): most answers are plain JSON
// with a few Dates. For those, this writes superjson's own format directly (the json as is,
// JSON.stringify turns Dates into the same ISO strings, and meta naming the Dates' paths);
// anything else (undefined, bigint, NaN, -0, Map, Set, class instances, odd keys, very deep
// trees) goes to superjson itself. Clients read both with superjson; core/wire.test.ts checks
// the two give the same bytes. Inputs are always read by superjson.
import superjson from "superjson";

const MAX_DEPTH = 64;
// superjson refuses these keys (its prototype-pollution guard): let it say so itself.
const SUPERJSON_ONLY_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** superjson's path syntax: segments joined by ".", with "\" and "." escaped. */
function escapeKey(key: string): string {
  return key.includes(".") || key.includes("\\") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key;
}

/**
 * The paths of the Dates in `root`, when it is a tree of plain objects, arrays, strings,
 * finite numbers, booleans, nulls and valid Dates; null when superjson must write it.
 */
function datePaths(root: unknown): string[] | null {
  const dates: string[] = [];
  const path: string[] = [];
  const visit = (value: unknown, depth: number): boolean => {
    switch (typeof value) {
      case "string":
      case "boolean":
        return true;
      case "number":
        return Number.isFinite(value) && !Object.is(value, -0);
      case "object": {
        if (value === null) return true;
        if (depth > MAX_DEPTH) return false;
        if (Array.isArray(value)) {
          for (let index = 0; index < value.length; index++) {
            if (!(index in value)) return false; // a hole: superjson writes it as undefined
            path.push(String(index));
            const plain = visit(value[index], depth + 1);
            path.pop();
            if (!plain) return false;
          }
          return true;
        }
        if (value instanceof Date) {
          if (Number.isNaN(value.getTime()) || Object.getPrototypeOf(value) !== Date.prototype) return false;
          dates.push(path.map(escapeKey).join("."));
          return true;
        }
        const prototype = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype && prototype !== null) return false;
        if (Object.getOwnPropertySymbols(value).length > 0) return false;
        for (const key of Object.keys(value)) {
          if (SUPERJSON_ONLY_KEYS.has(key)) return false;
          path.push(key);
          const plain = visit((value as Record<string, unknown>)[key], depth + 1);
          path.pop();
          if (!plain) return false;
        }
        return true;
      }
      default:
        return false; // undefined, bigint, symbol, function
    }
  };
  return visit(root, 0) ? dates : null;
}

/** superjson's serialize, written directly for plain JSON with Dates (the tRPC output transformer). */
export function serializeOutput(value: unknown): { json: unknown; meta?: unknown } {
  const dates = datePaths(value);
  if (!dates) return superjson.serialize(value);
  if (dates.length === 0) return { json: value };
  // A Date at the root has no path (an object's "" key has the path "", so the root is told by the value).
  const values = value instanceof Date ? ["Date"] : Object.fromEntries(dates.map((path) => [path, ["Date"]]));
  return { json: value, meta: { values, v: 1 } };
}

/** tRPC's transformer: inputs through superjson, outputs through serializeOutput. */
export const wireTransformer = {
  input: superjson,
  output: { serialize: serializeOutput, deserialize: (value: unknown) => superjson.deserialize(value as never) },
};
