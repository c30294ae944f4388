// /publish: the workspace's connected accounts (Reconnect where a token stopped working), a
// Connect button per platform Glow can reach, and the way to another or a new workspace.
import type { RouterOutputs } from "@glow/api/client";
import { errorMessage, OrgSwitcher, useTRPC, type MyOrganization } from "@glow/react";
import { Badge, Button, buttonClassName, Card, EmptyState, ErrorMessage, FormError, formatRelativeTime, Notice, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { holdsOrgRole } from "../orgs/RequireOrg.tsx";
import { NewWorkspaceForm, PublishHeading, RequireWorkspace } from "./workspace.tsx";

type Account = RouterOutputs["publish"]["accounts"]["list"]["items"][number];
type Platform = RouterOutputs["publish"]["accounts"]["platforms"]["items"][number];

function useConnect() {
  const trpc = useTRPC();
  // The platform's authorize page comes back to /publish/connected, which finishes the connection.
  return useMutation(
    trpc.publish.accounts.connect.mutationOptions({ onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl) }),
  );
}

function AccountRow({ org, account, platformName }: { org: MyOrganization; account: Account; platformName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const owner = holdsOrgRole(org.role, "owner");
  const connect = useConnect();
  const [confirming, setConfirming] = useState(false);
  const disconnect = useMutation(
    trpc.publish.accounts.disconnect.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.publish.accounts.list.pathFilter()),
    }),
  );
  const broken = account.status === "needs_reconnect";
  return (
    <li className="flex flex-col gap-2 py-3" data-account={account.handle} data-status={account.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">
            {account.displayName} <span className="font-normal text-slate-500">@{account.handle}</span>
          </p>
          <p className="text-xs text-slate-500">
            {platformName}
            {account.lastSyncedAt && <> · synced {formatRelativeTime(account.lastSyncedAt)}</>}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {broken ? <Badge tone="danger">Needs reconnecting</Badge> : <Badge tone="success">Connected</Badge>}
          {owner && broken && (
            <Button className="py-1" busy={connect.isPending} onClick={() => connect.mutate({ orgId: org.id, platform: account.platform })}>
              Reconnect
            </Button>
          )}
          {owner && !confirming && (
            <Button variant="secondary" className="py-1" onClick={() => setConfirming(true)} aria-label={`Disconnect @${account.handle}`}>
              Disconnect
            </Button>
          )}
        </div>
      </div>
      {broken && account.statusReason && <p className="text-sm text-red-700">{account.statusReason}</p>}
      {confirming && (
        <div className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 text-sm text-red-900" role="group" aria-label="Confirm">
          <span>Disconnect @{account.handle}? Its scheduled posts stop going out there.</span>
          <Button
            variant="danger"
            className="py-1"
            busy={disconnect.isPending}
            onClick={() => disconnect.mutate({ orgId: org.id, accountId: account.id })}
          >
            Disconnect
          </Button>
          <Button variant="secondary" className="py-1" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      )}
      <FormError message={disconnect.error ? errorMessage(disconnect.error) : connect.error ? errorMessage(connect.error) : null} />
    </li>
  );
}

function Accounts({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const location = useLocation();
  const accounts = useQuery(trpc.publish.accounts.list.queryOptions({ orgId: org.id }));
  const platforms = useQuery(trpc.publish.accounts.platforms.queryOptions({ orgId: org.id }));
  const connect = useConnect();
  const [newWorkspace, setNewWorkspace] = useState(false);
  const owner = holdsOrgRole(org.role, "owner");
  const names = new Map<string, string>((platforms.data?.items ?? []).map((platform: Platform) => [platform.id, platform.name]));
  const connected = (location.state as { connected?: string } | null)?.connected;

  return (
    <>
      <PublishHeading title="Publish" org={org} intro="Write once, schedule to every account, see it published.">
        {holdsOrgRole(org.role, "staff") && (
          <Link to="/publish/new" className={buttonClassName("primary")}>
            New post
          </Link>
        )}
      </PublishHeading>
      {connected && (
        <Notice tone="success">
          <p>Connected @{connected}.</p>
        </Notice>
      )}
      <Card title="Workspace" description="Posts, accounts and the team belong to one workspace.">
        <div className="flex flex-col gap-3">
          <OrgSwitcher className="flex min-w-0 max-w-md items-center gap-3" />
          {newWorkspace ? (
            <NewWorkspaceForm onCreated={() => setNewWorkspace(false)} />
          ) : (
            <Button variant="secondary" className="self-start" onClick={() => setNewWorkspace(true)}>
              New workspace
            </Button>
          )}
        </div>
      </Card>
      <Card title="Connected accounts">
        {accounts.isPending && <Spinner label="Loading the accounts" />}
        {accounts.isError && <ErrorMessage message={errorMessage(accounts.error)} onRetry={() => void accounts.refetch()} />}
        {accounts.isSuccess &&
          (accounts.data.items.length === 0 ? (
            <EmptyState title="No accounts connected yet">
              {owner ? "Connect one below to start publishing." : "An owner of the workspace connects them."}
            </EmptyState>
          ) : (
            <ul aria-label="Connected accounts" className="flex flex-col divide-y divide-slate-100">
              {accounts.data.items.map((account) => (
                <AccountRow key={account.id} org={org} account={account} platformName={names.get(account.platform) ?? account.platform} />
              ))}
            </ul>
          ))}
      </Card>
      {owner && (
        <Card title="Connect an account" description="You approve Glow on the platform's own page, then come back here.">
          {platforms.isPending && <Spinner label="Loading the platforms" />}
          {platforms.isError && <ErrorMessage message={errorMessage(platforms.error)} onRetry={() => void platforms.refetch()} />}
          {platforms.isSuccess && (
            <ul aria-label="Platforms" className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {platforms.data.items.map((platform) => (
                <li
                  key={platform.id}
                  className="flex items-center justify-between gap-2 rounded-xl p-3 ring-1 ring-slate-200"
                  data-platform={platform.id}
                >
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-900">{platform.name}</span>
                    <span className="block text-xs text-slate-500">
                      {platform.available ? `Up to ${platform.rules.maxLength} characters` : "Not set up on this server"}
                    </span>
                  </span>
                  <Button
                    variant="secondary"
                    className="py-1"
                    disabled={!platform.available}
                    busy={connect.isPending && connect.variables?.platform === platform.id}
                    onClick={() => connect.mutate({ orgId: org.id, platform: platform.id })}
                    aria-label={`Connect ${platform.name}`}
                  >
                    Connect
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <FormError message={connect.error ? errorMessage(connect.error) : null} />
        </Card>
      )}
    </>
  );
}

export function PublishHomePage() {
  usePageTitle("Publish");
  return <RequireWorkspace screen="Publish">{(org) => <Accounts key={org.id} org={org} />}</RequireWorkspace>;
}
