import { appRouter } from "@glow/api";

/** Every procedure of the router whose path starts with `prefix`, with its kind: new ones are covered automatically. */
export function proceduresUnder(prefix: string): Array<{ path: string; type: "query" | "mutation" }> {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;
  return Object.entries(procedures)
    .filter(([path, procedure]) => path.startsWith(prefix) && procedure._def.type !== "subscription")
    .map(([path, procedure]) => ({ path, type: procedure._def.type as "query" | "mutation" }));
}
