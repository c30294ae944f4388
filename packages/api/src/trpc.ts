import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Context } from "./context.ts";

/** Field path ("items.0.name") to its messages, for showing errors beside form fields. */
export type FieldErrors = Record<string, string[]>;

function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(input)";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      // Internal errors carry no stack or message of ours to the caller; the request id
      // (in the x-request-id header) finds them in the logs.
      message: zodError
        ? `Invalid input: ${zodError.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ")}`
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "Internal server error"
          : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: zodError ? fieldErrorsOf(zodError) : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

export const publicProcedure = t.procedure;

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/** Throws FORBIDDEN unless the caller holds `role`. */
export function requireRole(roles: readonly string[], role: string): void {
  if (!roles.includes(role)) throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this" });
}

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  requireRole(ctx.session.roles, "admin");
  return next();
});
