// Well-formed inputs for any procedure of the router, read from its own zod schema: the tests
// over every procedure (authorization.test.ts, tenancy.test.ts) call each with one.
import { randomUUID } from "node:crypto";
import { COACH_DEFAULT_TEMPLATE } from "@glow/db";
import fc from "fast-check";
import { inputSchemaOf, wellFormedInput } from "./fuzz-inputs.ts";
import type { Procedure } from "./procedures.ts";

/** The top-level fields of a procedure's input that carry ids (format uuid, or named id, ids, …Id, …Ids), cursors aside. */
export function idFieldsOf(procedure: Procedure): string[] {
  if (!procedure.parser) return [];
  const properties = inputSchemaOf(procedure.parser).properties ?? {};
  return Object.entries(properties)
    .filter(
      ([name, schema]) => name !== "cursor" && (/^ids?$|Ids?$/.test(name) || schema.format === "uuid" || schema.items?.format === "uuid"),
    )
    .map(([name]) => name);
}

/**
 * Fields whose rules random samples practically never meet (an assessment's questions must be
 * consistent with each other), with a real value to use instead.
 */
const KNOWN_VALUES: Record<string, unknown> = {
  questions: COACH_DEFAULT_TEMPLATE.questions,
  // publish's local dates and times in an IANA zone (random strings are never real zones).
  at: "2030-06-03T10:00",
  timeZone: "Europe/Berlin",
  from: "2030-06-01",
  to: "2030-06-30",
  slots: [{ weekday: 1, time: "09:00" }],
};

/** A valid input for `procedure` with `fields` set as given, among deterministic samples its own schema accepts; null when none fits. */
export function findInput(procedure: Procedure, fields: Record<string, unknown> = {}): { input: unknown } | null {
  if (!procedure.parser) return { input: undefined };
  const properties = inputSchemaOf(procedure.parser).properties ?? {};
  const known = Object.fromEntries(Object.entries(KNOWN_VALUES).filter(([field]) => field in properties));
  // With the known values first; a procedure whose same-named field means something else (a Date `from`) without them.
  for (const base of Object.keys(known).length > 0 ? [known, {}] : [{}]) {
    const set = Object.fromEntries(
      Object.entries({ ...base, ...fields }).map(([field, value]) => [
        field,
        properties[field]?.type === "array" && !Array.isArray(value) ? [value] : value,
      ]),
    );
    for (const sample of fc.sample(wellFormedInput(procedure.parser, { ids: [randomUUID()] }), { seed: 11, numRuns: 200 })) {
      const input = Object.keys(set).length > 0 ? { ...(sample as object), ...set } : sample;
      if (procedure.parser.safeParse(input).success) return { input };
    }
  }
  return null;
}

export function validInput(procedure: Procedure, fields: Record<string, unknown> = {}): unknown {
  const found = findInput(procedure, fields);
  if (!found)
    throw new Error(`no well-formed input for ${procedure.path} with ${JSON.stringify(fields)}: teach fuzz-inputs.ts this schema`);
  return found.input;
}
