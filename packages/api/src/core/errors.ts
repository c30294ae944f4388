// Glow's own errors: what a service says went wrong, in the product's words and with no
// transport in it. trpc.ts turns each kind into a tRPC code, once (decision 016).
import { Prisma } from "@glow/db";
import type { RateLimitPolicy } from "./rate-limit.ts";

export type DomainErrorKind =
  "invalid" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "precondition_failed" | "limit_reached" | "unavailable";

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** The input field the refusal belongs to (shown beside it); null when it is about the request as a whole. */
  readonly field: string | null;

  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

/** The input cannot be used as given, though it is well-formed (deactivating one's own account). */
export class InvalidInputError extends DomainError {
  readonly kind = "invalid";
}

/** A refusal that belongs to one input field (a wrong current password, a spent token). */
export class FieldError extends DomainError {
  readonly kind = "invalid";
  declare readonly field: string;

  constructor(field: string, message: string) {
    super(message, field);
  }
}

/** The caller must sign in (again) first. */
export class UnauthorizedError extends DomainError {
  readonly kind = "unauthorized";
}

export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
}

/** No such thing, or not the caller's to see: another person's record is "not found" too. */
export class NotFoundError extends DomainError {
  readonly kind = "not_found";
}

/** It exists already (an account with this email, a row with this unique value). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
}

/** Something else has to happen first (pick categories before a plan, revoke a token before making another). */
export class PreconditionFailedError extends DomainError {
  readonly kind = "precondition_failed";
}

/** An outside service Glow relies on (an AI provider) failed or answered off-format; trying again later may work. */
export class UnavailableError extends DomainError {
  readonly kind = "unavailable";
}

/** Too many attempts for now; `retry` says which limit refused and when to come back (sent as RateLimit headers). */
export class LimitReachedError extends DomainError {
  readonly kind = "limit_reached";
  readonly retry: { policy: RateLimitPolicy; msBeforeNext: number } | null;

  constructor(message: string, retry: { policy: RateLimitPolicy; msBeforeNext: number } | null = null) {
    super(message);
    this.retry = retry;
  }
}

interface AdapterCause {
  kind?: string;
  constraint?: { fields?: string[]; index?: string };
  originalMessage?: string;
}

/** What the driver adapter (or the native engine, in `target`) tells about a failed constraint. */
function constraintOf(error: Prisma.PrismaClientKnownRequestError): AdapterCause & { target?: unknown } {
  const meta = (error.meta ?? {}) as { target?: unknown; driverAdapterError?: { cause?: AdapterCause } };
  return { ...meta.driverAdapterError?.cause, target: meta.target };
}

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The field of a one-column unique constraint, by its Prisma name; null for a compound one. */
function uniqueField(error: Prisma.PrismaClientKnownRequestError): string | null {
  const { constraint, target } = constraintOf(error);
  const fields = constraint?.fields ?? (Array.isArray(target) ? (target as string[]) : null);
  return fields?.length === 1 ? camelCase(fields[0]!) : null;
}

/** The column of a foreign key named as PostgreSQL names them (`<table>_<column>_fkey`), by its Prisma name. */
function foreignKeyField(error: Prisma.PrismaClientKnownRequestError): string | null {
  const { constraint, originalMessage } = constraintOf(error);
  const table = /on table "([^"]+)"/.exec(originalMessage ?? "")?.[1];
  const index = constraint?.index;
  if (!table || !index?.startsWith(`${table}_`) || !index.endsWith("_fkey")) return null;
  return camelCase(index.slice(table.length + 1, -"_fkey".length));
}

/**
 * Prisma's known request errors as domain errors, for every module at once: a unique
 * conflict, a record that is gone, a reference to one that does not exist. Null for any
 * other error, which stays an internal one.
 */
export function fromPrismaError(error: unknown): DomainError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  switch (error.code) {
    case "P2002": {
      const field = uniqueField(error);
      return new ConflictError(field ? `Another record has this ${field}` : "This exists already", field);
    }
    case "P2025":
      return new NotFoundError("No such record");
    case "P2003": {
      const field = foreignKeyField(error);
      const message = "Refers to a record that does not exist";
      return field ? new FieldError(field, message) : new PreconditionFailedError(message);
    }
    default:
      return null;
  }
}

/** Runs a write and words a unique conflict as a refusal of `field` ("A category with this slug exists"). */
export async function uniqueAs<T>(field: string, message: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (fromPrismaError(error) instanceof ConflictError) throw new FieldError(field, message);
    throw error;
  }
}
