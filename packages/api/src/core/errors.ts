import { TRPCError } from "@trpc/server";

/** A refusal that belongs to one input field (a wrong current password, a spent token). */
export class FieldError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** BAD_REQUEST whose `fieldErrors` name the field, like a zod validation failure. */
export function fieldError(field: string, message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause: new FieldError(field, message) });
}
