import { hasPermission, ServerStatus } from "@glow/react";
import { Badge, Card, formatDateTime } from "@glow/ui";
import type { ReactNode } from "react";
import type { Account, ServerUrlUpdate } from "../shared/bridge.ts";
import { useServerUrl } from "./ApiProvider.tsx";
import { ServerUrlForm } from "./ServerUrlForm.tsx";
import { RoleBadges } from "./ui/RoleBadges.tsx";

export function AdminAccessNote() {
  return (
    <Card title="Users">
      <p className="text-sm text-slate-700">
        You need admin access to manage users. Ask an administrator to give your account the admin role.
      </p>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
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
          <Field label="Name">{account.name}</Field>
          <Field label="Email">
            <span className="flex flex-wrap items-center gap-2">
              {account.email ?? "None"}
              {account.email && (account.emailVerified ? <Badge tone="success">verified</Badge> : <Badge>not verified</Badge>)}
            </span>
          </Field>
          <Field label="Roles">
            <RoleBadges roles={account.roles} />
          </Field>
          <Field label="Signs in with">{signInMethods.length > 0 ? signInMethods.join(", ") : "None"}</Field>
          <Field label="Member since">{formatDateTime(account.createdAt)}</Field>
        </dl>
      </Card>
      {!admin && <AdminAccessNote />}
      <ServerStatus details={hasPermission(account, { action: "read", entity: "metrics" })} />
      <ServerUrlForm serverUrl={serverUrl} note="Changing the server signs you out of this one." onSave={onSaveServerUrl} />
    </>
  );
}
