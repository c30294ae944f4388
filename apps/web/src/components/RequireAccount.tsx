import { errorMessage } from "@glow/react";
import { ErrorMessage, Spinner } from "@glow/ui";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAccount, type Account } from "../account.ts";

/** Renders its screen for a signed-in account; sends anyone else to sign in, and back here afterwards. */
export function RequireAccount({ children }: { children: (account: Account) => ReactNode }) {
  const me = useAccount();
  const location = useLocation();
  if (me.isLoading) return <Spinner label="Loading your account" />;
  if (me.error) return <ErrorMessage message={errorMessage(me.error)} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return children(me.data);
}
