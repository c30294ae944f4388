// What a failed call says, in words fit to show a person: one set of helpers for both apps.
import { isTRPCClientError } from "@trpc/client";

/** What the server's error formatter puts in `error.data` (see packages/api/src/trpc.ts). */
export interface GlowErrorData {
  code?: string;
  httpStatus?: number;
  /** Field path to its messages, for showing beside form fields. */
  fieldErrors?: Record<string, string[]> | null;
  /** A FORBIDDEN at a plan's limit: which limit, and the cheapest plan that lifts it (null: none does). */
  planLimit?: { plan: string; metric: "accounts" | "scheduledPosts" | "aiCaptions" | "members"; limit: number; upgradeTo: string | null };
}

export const UNREACHABLE_MESSAGE = "Cannot reach the Glow server. Check that it is running and try again.";

/** The server's error data, or undefined when the call never got an answer from it. */
export function errorData(error: unknown): GlowErrorData | undefined {
  return isTRPCClientError(error) ? (error.data as GlowErrorData | undefined) : undefined;
}

/** A 4xx answer: the caller's fault, so trying again gives the same. */
export function isClientError(error: unknown): boolean {
  const status = errorData(error)?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
}

/** The server's message when it answered; `unreachable` when there was no answer at all (down, offline, refused). */
export function errorMessage(error: unknown, unreachable: string = UNREACHABLE_MESSAGE): string {
  return isTRPCClientError(error) && error.data ? error.message : unreachable;
}

/** The server's words for one field, else the whole error's message. */
export function fieldMessage(error: unknown, field: string, describe: (error: unknown) => string = errorMessage): string {
  return errorData(error)?.fieldErrors?.[field]?.[0] ?? describe(error);
}

export interface FormProblems<Field extends string> {
  /** Messages to show beside the form's own fields. */
  fields: Partial<Record<Field, string>>;
  /** Everything else, for one alert above the submit button. */
  alert: string | null;
}

/** Splits a failed call's error into messages beside the form's fields and one alert for the rest. */
export function formProblems<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  describe: (error: unknown) => string = errorMessage,
): FormProblems<Field> {
  if (!error) return { fields: {}, alert: null };
  const fieldErrors = errorData(error)?.fieldErrors;
  if (!fieldErrors) return { fields: {}, alert: describe(error) };
  const shown: Partial<Record<Field, string>> = {};
  const rest: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if ((fields as readonly string[]).includes(key)) shown[key as Field] = messages.join(" ");
    else rest.push(...messages);
  }
  return { fields: shown, alert: rest.length > 0 ? rest.join(" ") : null };
}
