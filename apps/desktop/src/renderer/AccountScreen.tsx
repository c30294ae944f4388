import { hasPermission, ServerStatus } from "@glow/react";
import { Badge, Card, formatDateTime } from "@glow/ui";
import type { Account, ServerUrlUpdate } from "../shared/bridge.ts";
import { useServerUrl } from "./ApiProvider.tsx";
import { ServerUrlForm } from "./ServerUrlForm.tsx";
import { RoleBadges } from "./ui/RoleBadges.tsx";
import { DetailField } from "./ui/DetailParts.tsx";

export function AdminAccessNote() {
  return (
    <Card title="Users">
      <p className="text-sm text-slate-700">
        You need admin access to manage users. Ask an administrator to give your account the admin role.
      </p>
    </Card>
  );
}

export function AccountScreen({
  account,
  admin,
  onSaveServerUrl,
}: {
  account: Account;
  admin: boolean;
  onSaveServerUrl(url: string): Promise<ServerUrlUpdate>;
}) {
  const serverUrl = useServerUrl();
  const signInMethods = [...(account.hasPassword ? ["password"] : []), ...account.linkedProviders];
  return (
    <>
      <Card title="Your account">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <DetailField label="Name">{account.name}</DetailField>
          <DetailField label="Email">
            <span className="flex flex-wrap items-center gap-2">
              {account.email ?? "None"}
              {account.email && (account.emailVerified ? <Badge tone="success">verified</Badge> : <Badge>not verified</Badge>)}
            </span>
          </DetailField>
          <DetailField label="Roles">
            <RoleBadges roles={account.roles} />
          </DetailField>
          <DetailField label="Signs in with">{signInMethods.length > 0 ? signInMethods.join(", ") : "None"}</DetailField>
          <DetailField label="Member since">{formatDateTime(account.createdAt)}</DetailField>
        </dl>
      </Card>
      {!admin && <AdminAccessNote />}
      <ServerStatus details={hasPermission(account, { action: "read", entity: "metrics" })} />
      <ServerUrlForm serverUrl={serverUrl} note="Changing the server signs you out of this one." onSave={onSaveServerUrl} />
    </>
  );
}
