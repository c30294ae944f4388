// The typed client entry: types of the router only, no server code. Safe to bundle into
// browser and Electron renderer code, and to import from a developer's own project.
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
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
}

export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/trpc`;
}

export function createGlowClient({ url, token, fetch }: GlowClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: trpcUrl(url),
        transformer: superjson,
        ...(fetch ? { fetch } : {}),
        headers() {
          const value = typeof token === "function" ? token() : token;
          return value ? { authorization: `Bearer ${value}` } : {};
        },
      }),
    ],
  });
}
