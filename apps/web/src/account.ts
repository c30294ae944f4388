import { can, type Permission, type RouterInputs, type RouterOutputs } from "@glow/api/client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { trpc } from "./trpc.ts";

export type Account = NonNullable<RouterOutputs["auth"]["me"]>;
// `auth.oauth.providers` answers with plain strings; `auth.oauth.start` takes the enum.
export type OAuthProviderId = RouterInputs["auth"]["oauth"]["start"]["provider"];

/** The signed-in account (null when signed out), from the session cookie the server set. */
export function useAccount() {
  return trpc.auth.me.useQuery(undefined, { staleTime: 30_000 });
}

/** Mirrors the server's permission check, to show only the screens and links an account may use. */
export function hasPermission(account: Account, permission: Permission): boolean {
  return can(account.roles, permission);
}

function isAccountQuery(queryKey: readonly unknown[]): boolean {
  const path = queryKey[0];
  return Array.isArray(path) && path.join(".") === "auth.me";
}

/**
 * For when a different account is now signed in on this browser: it becomes `auth.me`,
 * and nothing cached for the previous one stays.
 */
export function useSwitchAccount(): (account: Account) => void {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  return useCallback(
    (account: Account) => {
      queryClient.removeQueries({ predicate: (query) => !isAccountQuery(query.queryKey) });
      utils.auth.me.setData(undefined, account);
    },
    [queryClient, utils],
  );
}

/**
 * Ends this browser's session, then loads the sign-in screen afresh: a full page load
 * leaves nothing of the signed-out account in memory, and no screen that needs an
 * account races the redirect.
 */
export function useSignOut() {
  return trpc.auth.logout.useMutation({
    onSuccess: () => window.location.assign("/sign-in"),
  });
}

/** Where to go after signing in: the page that sent the caller to sign in (same site only), or home. */
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : "/";
}

/** Starts a provider's sign-in (or linking) and leaves for the provider's page. */
export function useStartOAuth() {
  return trpc.auth.oauth.start.useMutation({
    onSuccess: ({ url }) => window.location.assign(url),
  });
}
