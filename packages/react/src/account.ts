import type { RouterOutputs } from "@glow/api/client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc.ts";

export type Account = NonNullable<RouterOutputs["auth"]["me"]>;

/** Who is signed in (null when nobody is), as the server says for the app's credential. */
export function useAccount() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 30_000 }));
}
