import type { RouterInputs } from "@glow/api/client";
import { useTRPC, type Account } from "@glow/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

export { hasPermission, useAccount, type Account } from "@glow/react";
// `auth.oauth.providers` answers with plain strings; `auth.oauth.start` takes the enum.
export type OAuthProviderId = RouterInputs["auth"]["oauth"]["start"]["provider"];

function isAccountQuery(queryKey: readonly unknown[]): boolean {
  const path = queryKey[0];
  return Array.isArray(path) && path.join(".") === "auth.me";
}

/**
 * For when a different account is now signed in on this browser: it becomes `auth.me`,
 * and nothing cached for the previous one stays.
 */
export function useSwitchAccount(): (account: Account) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (account: Account) => {
      queryClient.removeQueries({ predicate: (query) => !isAccountQuery(query.queryKey) });
      queryClient.setQueryData(trpc.auth.me.queryKey(), account);
    },
    [queryClient, trpc],
  );
}

/**
 * For when the server says this browser's session is over (revoked from another device,
 * expired): nobody is signed in here any more, and nothing cached for them stays.
 */
export function useSignedOutHere(): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    queryClient.removeQueries({ predicate: (query) => !isAccountQuery(query.queryKey) });
    queryClient.setQueryData(trpc.auth.me.queryKey(), null);
  }, [queryClient, trpc]);
}

/**
 * Ends this browser's session, then loads the sign-in screen afresh: a full page load
 * leaves nothing of the signed-out account in memory, and no screen that needs an
 * account races the redirect.
 */
export function useSignOut() {
  const trpc = useTRPC();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => window.location.assign("/sign-in"),
    }),
  );
}

/** Where to go after signing in: the page that sent the caller to sign in (same site only), or home. */
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : "/";
}

/** Starts a provider's sign-in (or linking) and leaves for the provider's page. */
export function useStartOAuth() {
  const trpc = useTRPC();
  return useMutation(
    trpc.auth.oauth.start.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
}
