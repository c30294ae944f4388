// The caller's organizations (businesses) and the one they are working in, for both apps:
// `useMyOrganizations` (orgs.mine), `CurrentOrgProvider` + `useCurrentOrg`, and `OrgSwitcher`.
import type { RouterOutputs } from "@glow/api/client";
import { useQuery } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { useAccount } from "./account.ts";
import { useTRPC } from "./trpc.ts";

export type MyOrganization = RouterOutputs["orgs"]["mine"][number];
export type OrgRole = MyOrganization["role"];

/** Where the selected organization is kept between visits (one per browser or desktop profile). */
export const CURRENT_ORG_KEY = "glow.currentOrg";

const ROLE_NAMES: Record<OrgRole, string> = { owner: "Owner", staff: "Staff", client: "Client" };

/** A role as a person reads it: "Owner", "Staff", "Client". */
export function orgRoleName(role: OrgRole): string {
  return ROLE_NAMES[role];
}

/** The organizations the signed-in person belongs to, with their role in each (nothing is asked while signed out). */
export function useMyOrganizations() {
  const trpc = useTRPC();
  const account = useAccount();
  return useQuery(trpc.orgs.mine.queryOptions(undefined, { enabled: Boolean(account.data), staleTime: 30_000 }));
}

// localStorage as an external store: a choice made in another tab shows here too.
const listeners = new Set<() => void>();
function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled (private mode, sandboxed frame): the choice lasts only this visit
  }
}
let memoryChoice: string | null = null;
function readChoice(key: string): string | null {
  const store = storage();
  return store ? store.getItem(key) : memoryChoice;
}
function writeChoice(key: string, orgId: string | null) {
  const store = storage();
  if (!store) memoryChoice = orgId;
  else if (orgId === null) store.removeItem(key);
  else store.setItem(key, orgId);
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/**
 * The organization chosen among `orgs`: the stored choice while the person still belongs to it,
 * else the first. The stored id is not rewritten by the fallback, so an organization just
 * joined (accepted, not yet in a refetched list) is picked as soon as it shows up.
 */
export function chooseOrg(orgs: readonly MyOrganization[], storedId: string | null): MyOrganization | null {
  return orgs.find((org) => org.id === storedId) ?? orgs[0] ?? null;
}

export interface CurrentOrg {
  /** The organization screens work in; null while signed out, loading, or a member of none. */
  org: MyOrganization | null;
  orgs: MyOrganization[];
  /** Selects an organization (kept for the next visit). */
  setOrgId: (orgId: string) => void;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
}

const CurrentOrgContext = createContext<CurrentOrg | null>(null);

/** Holds the selected organization for everything below it; forgets it once nobody is signed in. */
export function CurrentOrgProvider({ storageKey = CURRENT_ORG_KEY, children }: { storageKey?: string; children: ReactNode }) {
  const account = useAccount();
  const mine = useMyOrganizations();
  const storedId = useSyncExternalStore(
    subscribe,
    () => readChoice(storageKey),
    () => null,
  );
  const signedOut = account.isSuccess && !account.data;
  useEffect(() => {
    if (signedOut && readChoice(storageKey) !== null) writeChoice(storageKey, null);
  }, [signedOut, storageKey]);

  const setOrgId = useCallback((orgId: string) => writeChoice(storageKey, orgId), [storageKey]);
  const orgs = useMemo(() => (account.data ? (mine.data ?? []) : []), [account.data, mine.data]);
  const refetch = mine.refetch;
  const value = useMemo<CurrentOrg>(
    () => ({
      org: chooseOrg(orgs, storedId),
      orgs,
      setOrgId,
      isLoading: account.isLoading || (Boolean(account.data) && mine.isLoading),
      error: mine.error,
      refetch: () => void refetch(),
    }),
    [orgs, storedId, setOrgId, account.isLoading, account.data, mine.isLoading, mine.error, refetch],
  );
  return <CurrentOrgContext value={value}>{children}</CurrentOrgContext>;
}

/** The selected organization and how to change it (inside CurrentOrgProvider). */
export function useCurrentOrg(): CurrentOrg {
  const current = useContext(CurrentOrgContext);
  if (!current) throw new Error("useCurrentOrg needs a CurrentOrgProvider above it");
  return current;
}

/**
 * Picks the organization to work in, each with the person's role in it. Shows nothing for
 * someone who belongs to none. `createLink` (the app's own link, e.g. to "Create a business")
 * follows the list.
 */
export function OrgSwitcher({ createLink, className }: { createLink?: ReactNode; className?: string }) {
  const { org, orgs, setOrgId } = useCurrentOrg();
  if (!org) return null;
  return (
    <div className={className ?? "flex min-w-0 items-center gap-3"} data-org-switcher>
      {/* Classes from @glow/ui's Field: the apps' Tailwind scans @glow/ui and themselves, not this package. */}
      <select
        aria-label="Organization"
        className="w-full min-w-0 rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-offset-0 focus:outline-glow-500 sm:text-sm"
        value={org.id}
        onChange={(event) => setOrgId(event.target.value)}
      >
        {orgs.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name} · {orgRoleName(choice.role)}
          </option>
        ))}
      </select>
      {createLink}
    </div>
  );
}
