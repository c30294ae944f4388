// The typed client entry: types of the router only, no server code. Safe to bundle into
// browser and Electron renderer code, and to import from a developer's own project.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, retryLink, splitLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "./root.ts";

export type { AppRouter } from "./root.ts";
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type GlowClient = ReturnType<typeof createGlowClient>;
export { TRPCClientError };
// Pure data and a pure function (no server code): the UI mirrors the server's permission check.
export {
  can,
  grantName,
  PERMISSION_ACCESS,
  PERMISSIONS,
  type Grantee,
  type PermissionAccess,
  type PermissionCheck,
  type PermissionName,
} from "./core/permissions.ts";
export type { OAuthProviderId } from "./modules/auth/oauth/providers.ts";
export { OAUTH_ERROR_MESSAGES, OAUTH_UNKNOWN_ERROR, oauthErrorMessage, type OAuthErrorCode } from "./modules/auth/oauth/errors.ts";
// Pure (zod only): the apps check a client's answers by the server's own rules before sending them.
export {
  answersSchemaFor,
  QUESTION_KINDS,
  QUESTION_SECTIONS,
  type Answer,
  type Answers,
  type Question,
  type QuestionKind,
  type QuestionOf,
  type QuestionOption,
  type QuestionSection,
} from "./modules/coach/questions.ts";
export { LEVEL_NAMES } from "./modules/coach/scoring.ts";

/** The server refuses batches of more calls (400); clients split theirs to fit. */
export const MAX_CALLS_PER_BATCH = 50;

export interface GlowClientOptions {
  /** The server's base URL, e.g. http://localhost:3000 (the client appends /trpc). */
  url: string;
  /** A session or API token, sent as `Authorization: Bearer <token>`. */
  token?: string | (() => string | null | undefined);
  fetch?: typeof globalThis.fetch;
  /**
   * For subscriptions (server-sent events). Browsers have one built in; in Node pass the
   * `eventsource` package's class: `import { EventSource } from "eventsource"`.
   */
  EventSource?: new (url: string | URL, init?: never) => unknown;
}

export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/trpc`;
}

/** The server's request id of a failed call (its x-request-id header), to quote when reporting it. */
export function requestIdOf(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const response = (error.meta as { response?: Response } | undefined)?.response;
  return response?.headers.get("x-request-id") ?? null;
}

/**
 * Queries are safe to repeat: one that failed on the network or with a server error is
 * tried twice more (0.2 s, then 0.4 s later). Mutations and 4xx answers never are.
 */
function shouldRetry({ op, error, attempts }: { op: { type: string }; error: TRPCClientError<never>; attempts: number }): boolean {
  if (op.type !== "query" || attempts > 2) return false;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return status === undefined || status >= 500;
}

export function createGlowClient({ url, token, fetch, EventSource }: GlowClientOptions) {
  const bearer = (): Record<string, string> => {
    const value = typeof token === "function" ? token() : token;
    return value ? { authorization: `Bearer ${value}` } : {};
  };
  const fetchImpl = fetch ?? globalThis.fetch;
  return createTRPCClient<AppRouter>({
    links: [
      retryLink({ retry: shouldRetry, retryDelayMs: (attempt) => 100 * 2 ** attempt }),
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: trpcUrl(url),
          transformer: superjson,
          ...(EventSource ? { EventSource: EventSource as unknown as typeof globalThis.EventSource } : {}),
          // The eventsource package sends requests through this fetch, so the bearer token goes along.
          eventSourceOptions: () =>
            ({
              fetch: (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
                fetchImpl(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...bearer() } }),
            }) as never,
        }),
        false: httpBatchLink({
          url: trpcUrl(url),
          transformer: superjson,
          maxItems: MAX_CALLS_PER_BATCH,
          ...(fetch ? { fetch } : {}),
          headers: bearer,
        }),
      }),
    ],
  });
}
