import { getTRPCErrorFromUnknown, initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { OpenApiMeta, OpenApiMethod } from "trpc-to-openapi";
import { z, ZodError } from "zod";
import type { Context, Caller } from "./context.ts";
import { sameCredential, type SessionCaller } from "./core/caller.ts";
import { validateCredential } from "./create-context.ts";
import { DomainError, fromPrismaError, LimitReachedError, type DomainErrorKind } from "./core/errors.ts";
import { refuseUnstorableText } from "./core/inputs.ts";
import { wireTransformer } from "./core/wire.ts";
import { can, type PermissionCheck } from "./core/permissions.ts";
import { enterTenant, type OrgRole, type Tenant } from "./core/tenancy.ts";
import { isRateLimited, setRateLimitHeaders, type RateLimiters, type RateLimitPolicy } from "./core/rate-limit.ts";
import { MAX_STREAMS_PER_PERSON, STREAM_CHECK_EVERY_MS } from "./core/streams.ts";
import { credentialChannel } from "./modules/auth/credential-cache.ts";
import { PlanLimitError } from "./core/billing/allowance.ts";
import { planThatLifts } from "./core/billing/plans.ts";

/** Field path ("items.0.name") to its messages, for showing errors beside form fields. */
export type FieldErrors = Record<string, string[]>;

// superjson refuses to send these as keys (its prototype-pollution guard), and a path can be
// one of them when it holds the caller's own keys: they are sent as "(input).constructor".
const UNSENDABLE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields = new Map<string, string[]>(); // not an object: keys are the caller's
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join(".") : "(input)";
    const key = UNSENDABLE_KEYS.has(path) ? `(input).${path}` : path;
    fields.set(key, [...(fields.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(fields);
}

/**
 * The wire format failed to parse (JSON, superjson, the REST body): such errors carry the
 * parser's own exception ("Maximum call stack size exceeded"), never shown to callers. Our
 * own refusals are zod issues, domain errors or TRPCErrors with a message and no cause.
 */
function isMalformedRequest(error: TRPCError): boolean {
  if (error.code !== "BAD_REQUEST" && error.code !== "PARSE_ERROR") return false;
  return error.cause instanceof Error && !(error.cause instanceof ZodError) && !(error.cause instanceof DomainError);
}

const TRPC_CODES = {
  invalid: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  precondition_failed: "PRECONDITION_FAILED",
  limit_reached: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
} as const satisfies Record<DomainErrorKind, TRPC_ERROR_CODE_KEY>;

/**
 * The one place where a service's domain error (or a Prisma error that means one) becomes a
 * tRPC error with its code; tRPC hands both over as INTERNAL_SERVER_ERROR with the error as cause.
 */
function fromDomainError(ctx: Context, error: TRPCError): TRPCError {
  if (error.code !== "INTERNAL_SERVER_ERROR") return error;
  const domain = error.cause instanceof DomainError ? error.cause : fromPrismaError(error.cause);
  if (!domain) return error;
  if (domain instanceof LimitReachedError && domain.retry) {
    // The limit that refused, not the generic one, and when to come back.
    setRateLimitHeaders(ctx.response, domain.retry.policy, { remaining: 0, msBeforeNext: domain.retry.msBeforeNext, refused: true });
  }
  return new TRPCError({ code: TRPC_CODES[domain.kind], message: domain.message, cause: domain });
}

/** A procedure's REST address (openapi), and for tenant procedures the role they need (read by tests over the router). */
export type GlowMeta = OpenApiMeta & { tenantRole?: OrgRole };

const t = initTRPC
  .context<Context>()
  .meta<GlowMeta>()
  .create({
    // superjson's format; answers that are plain JSON and Dates are written without its walker (core/wire.ts).
    transformer: wireTransformer,
    // Subscriptions stream over SSE; a ping keeps proxies from closing quiet connections.
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        // Internal errors carry no stack or message of ours to the caller; the request id
        // (in the x-request-id header) finds them in the logs.
        message: zodError
          ? `Invalid input: ${zodError.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ")}`
          : error.code === "INTERNAL_SERVER_ERROR"
            ? "Internal server error"
            : isMalformedRequest(error)
              ? `Malformed request${ctx ? ` (request id ${ctx.requestId})` : ""}`
              : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zodError
            ? fieldErrorsOf(zodError)
            : error.cause instanceof DomainError && error.cause.field !== null
              ? { [error.cause.field]: [error.cause.message] }
              : null,
          // A plan limit says which, so that screens can offer the plan page (PlanLimitNotice).
          ...(error.cause instanceof PlanLimitError
            ? {
                planLimit: {
                  plan: error.cause.plan,
                  metric: error.cause.metric,
                  limit: error.cause.limit,
                  upgradeTo: planThatLifts(error.cause.metric, error.cause.limit),
                },
              }
            : {}),
        },
      };
    },
  });

/**
 * A procedure's REST address, for the procedures openapi.ts also serves as REST: tagged with
 * the path's first segment unless told. The procedure's tier decides its security;
 * `optionalCredential` marks a public one that reads a credential when one is sent (auth.me).
 */
export function rest(
  method: OpenApiMethod,
  path: `/${string}`,
  summary: string,
  options: { tag?: string; optionalCredential?: boolean } = {},
): GlowMeta {
  const tag = options.tag ?? path.split("/")[1]!;
  return { openapi: { method, path, summary, tags: [tag], ...(options.optionalCredential ? { protect: true } : {}) } };
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Reads 100/min and writes 20/min per user, or per IP when anonymous (settings in core/rate-limit.ts). */
function consumeRateLimit(ctx: Context, write: boolean): Promise<void> {
  const limiter = write ? ctx.rateLimiters.write : ctx.rateLimiters.read;
  const policy = write ? ctx.rateLimiters.settings.write : ctx.rateLimiters.settings.read;
  return consumeLimit(ctx, limiter, policy, ctx.caller ? `user:${ctx.caller.userId}` : `ip:${ctx.ip}`, write ? "write" : "read");
}

/** Spends a point of `limiter` for `key`; the headers tell the limit that decided (`quiet`: only when it refuses). */
async function consumeLimit(
  ctx: Context,
  limiter: RateLimiters["read"],
  policy: RateLimitPolicy,
  key: string,
  /** The limit's name in the metrics. */
  name: string,
  quiet = false,
): Promise<void> {
  try {
    const result = await limiter.consume(key);
    if (!quiet) setRateLimitHeaders(ctx.response, policy, { remaining: result.remainingPoints, msBeforeNext: result.msBeforeNext });
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    ctx.metrics.rateLimited(name);
    setRateLimitHeaders(ctx.response, policy, { remaining: 0, msBeforeNext: error.msBeforeNext, refused: true });
    const seconds = Math.ceil(error.msBeforeNext / 1000);
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many requests. Try again in ${seconds} s.` });
  }
}

/** An API token may read with "read", write with "write"; admin procedures also need the owner's admin role. */
function checkTokenScopes(ctx: Context, write: boolean): void {
  if (ctx.caller?.kind !== "token") return;
  const { scopes } = ctx.caller;
  const needed = write ? "write" : "read";
  if (!scopes.includes(needed)) throw new TRPCError({ code: "FORBIDDEN", message: `This API token lacks the "${needed}" scope` });
}

/** What every call passes before it runs: the rate limit, an API token's scopes, and text PostgreSQL can store. */
async function admit(ctx: Context, type: string, getRawInput: () => Promise<unknown>): Promise<void> {
  const write = type === "mutation";
  await consumeRateLimit(ctx, write);
  checkTokenScopes(ctx, write);
  refuseUnstorableText(await getRawInput());
}

/**
 * Runs a call, maps its domain error to a tRPC error, and puts it in request_logs (buffered,
 * written in batches off the request path), refusals included.
 */
async function logged<R extends { ok: boolean; error?: TRPCError }>(ctx: Context, path: string, call: () => Promise<R>): Promise<R> {
  const started = performance.now();
  let status = 200;
  try {
    const result = await call();
    if (result.ok) return result;
    const error = fromDomainError(ctx, result.error!);
    status = getHTTPStatusCodeFromError(error);
    return error === result.error ? result : { ...result, error };
  } catch (thrown) {
    const error = fromDomainError(ctx, getTRPCErrorFromUnknown(thrown));
    status = getHTTPStatusCodeFromError(error);
    throw error;
  } finally {
    const durationMs = performance.now() - started;
    ctx.metrics.observeCall(path, status, durationMs);
    ctx.requestLog?.push({
      requestId: ctx.requestId,
      procedure: path,
      status,
      durationMs,
      userId: ctx.caller?.userId ?? null,
      createdAt: new Date(),
    });
  }
}

// Every call is logged, rate limited and held to its API token's scopes, in one middleware:
// each tRPC middleware level copies the call's options, and on the hot read path those
// copies were the largest cost of ours (decision 012).
export const publicProcedure = t.procedure.use(({ ctx, type, path, getRawInput, next }) =>
  logged(ctx, path, async () => {
    await admit(ctx, type, getRawInput);
    return next();
  }),
);

const STREAM_ENDED = Symbol("stream ended");

/**
 * A signed-in caller's subscription: counted against their open streams, and ended with
 * UNAUTHORIZED as soon as its credential is revoked, expires or its owner is deactivated —
 * told through the owner's credential channel (every instance), and re-checked on a timer
 * in case an announcement was lost.
 */
async function* liveStream<T>(ctx: Context, session: Caller, source: AsyncIterable<T>): AsyncGenerator<T> {
  const lease = await ctx.streams.open(session.userId);
  if (!lease) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `At most ${MAX_STREAMS_PER_PERSON} live updates can be open at once. Close another tab or window.`,
    });
  }
  let end!: () => void;
  const ended = new Promise<typeof STREAM_ENDED>((resolve) => (end = () => resolve(STREAM_ENDED)));
  const recheck = async () => {
    const now = await validateCredential(ctx, ctx.credential);
    if (!now || !sameCredential(now, session)) end();
  };
  const fail = (error: unknown) => {
    ctx.logger.warn({ err: error, requestId: ctx.requestId }, "stream credential check failed");
    end(); // fail closed: the client reconnects and is checked afresh
  };
  const unsubscribe = await ctx.events.subscribe(credentialChannel(session.userId), () => void recheck().catch(fail));
  const timer = setInterval(() => void Promise.all([recheck(), lease.renew()]).catch(fail), STREAM_CHECK_EVERY_MS);
  const iterator = source[Symbol.asyncIterator]();
  ctx.metrics.streamOpened();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), ended]);
      if (next === STREAM_ENDED) {
        void iterator.return?.(); // the source finishes when the request's signal aborts
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearInterval(timer);
    ctx.metrics.streamClosed();
    await unsubscribe();
    await lease.close();
  }
}

/** As publicProcedure, for a signed-in caller only (401 otherwise); `ctx.caller` is then never null. */
export const authedProcedure = t.procedure.use(({ ctx, type, path, getRawInput, next }) =>
  logged(ctx, path, async () => {
    await admit(ctx, type, getRawInput);
    const session = ctx.caller;
    if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
    // Tells the type system that ctx.caller is set from here on, without passing a ctx:
    // tRPC copies the whole context when one is passed, the largest cost of an authed
    // call's own (decision 012). The object is the same, and its session was just checked.
    const result = await next<{ caller: Caller }>({});
    if (type !== "subscription" || !result.ok) return result;
    return { ...result, data: liveStream(ctx, session, result.data as AsyncIterable<unknown>) };
  }),
);

/** Account management (sessions, passwords, tokens) needs a signed-in session: an API token cannot mint or revoke credentials. */
export const sessionProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.caller.kind !== "session")
    throw new TRPCError({ code: "FORBIDDEN", message: "Sign in to manage your account; API tokens cannot do this" });
  // Narrows the type only (no ctx copy, as in authedProcedure): the kind was just checked.
  return next<{ caller: SessionCaller }>({});
});

/** Throws FORBIDDEN unless one of the caller's roles grants `permission` (for `resource`, when given). */
export function requirePermission(session: Caller, permission: PermissionCheck, resource?: { ownerId: string | null }): void {
  if (!can(session, permission, resource)) throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this" });
}

/**
 * A signed-in caller whose roles grant `permission` (roles and their grants are data: any role
 * may hold it). An "own" check lets an own-grant through; the service then checks the resource.
 */
export const permittedProcedure = (permission: PermissionCheck) =>
  authedProcedure.use(({ ctx, next }) => {
    requirePermission(ctx.caller, permission);
    return next();
  });

const orgIdInput = z.object({ orgId: z.uuid({ error: "Not an organization id" }) });

/**
 * A member of the organization named by `input.orgId`, holding at least `needed` there
 * (owner > staff > client): 403 otherwise. Counts against the organization's own limit
 * (1000 calls a minute across its members), and gives the procedure `ctx.tenant`, whose
 * `run`/`sql` do the database work under PostgreSQL row-level security for that organization.
 */
export const tenantProcedure = (needed: OrgRole = "client") =>
  authedProcedure
    .meta({ tenantRole: needed })
    .input(orgIdInput)
    .use(async ({ ctx, input, next }) => {
      const tenant: Tenant = await enterTenant(ctx, input.orgId, ctx.caller.userId, needed);
      await consumeLimit(ctx, ctx.rateLimiters.tenant, ctx.rateLimiters.settings.tenant, `org:${input.orgId}`, "tenant", true);
      return next({ ctx: { tenant } });
    });
