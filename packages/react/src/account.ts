import { can, type PermissionCheck, type RouterOutputs } from "@glow/api/client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc.ts";

export type Account = NonNullable<RouterOutputs["auth"]["me"]>;

/** Who is signed in (null when nobody is), as the server says for the app's credential. */
export function useAccount() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 30_000 }));
}

/** Mirrors the server's check (the same `can`), to show only the screens and controls an account may use. */
export function hasPermission(
  account: Pick<Account, "id" | "permissions">,
  check: PermissionCheck,
  resource?: { ownerId: string | null },
): boolean {
  return can({ userId: account.id, permissions: account.permissions }, check, resource);
}
