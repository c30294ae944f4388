// The typed client entry: types of the router only, no server code. Safe to bundle into
// browser and Electron renderer code, and to import from a developer's own project.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "./root.ts";

export type { AppRouter } from "./root.ts";
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type GlowClient = ReturnType<typeof createGlowClient>;
export { TRPCClientError };
// Pure data and a pure function (no server code): the UI mirrors the server's permission check.
export { can, PERMISSIONS, type Permission } from "./core/permissions.ts";
export type { OAuthProviderId } from "./modules/auth/oauth/providers.ts";

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

export function createGlowClient({ url, token, fetch, EventSource }: GlowClientOptions) {
  const bearer = (): Record<string, string> => {
    const value = typeof token === "function" ? token() : token;
    return value ? { authorization: `Bearer ${value}` } : {};
  };
  const fetchImpl = fetch ?? globalThis.fetch;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: trpcUrl(url),
          transformer: superjson,
          ...(EventSource ? { EventSource: EventSource as unknown as typeof globalThis.EventSource } : {}),
          // The eventsource package sends requests through this fetch, so the bearer token goes along.
          eventSourceOptions: () => ({ fetch: (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => fetchImpl(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...bearer() } }) }) as never,
        }),
        false: httpBatchLink({
          url: trpcUrl(url),
          transformer: superjson,
          ...(fetch ? { fetch } : {}),
          headers: bearer,
        }),
      }),
    ],
  });
}
