// Roles and what they grant, for both apps' admin screens: each role with its permissions as
// checkboxes (ticking grants, unticking revokes), and a form to add a role.
import { Button, Card, CheckboxField, ErrorMessage, FormError, Spinner, TextField } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { hasPermission, type Account } from "./account.ts";
import { fieldMessage, formProblems } from "./errors.ts";
import { useDescribeError } from "./provider.tsx";
import { useTRPC } from "./trpc.ts";

export function RolesEditor({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describe = useDescribeError();
  const mayChange = hasPermission(account, { action: "write", entity: "roles" });
  const roles = useQuery(trpc.admin.roles.list.queryOptions());
  const permissions = useQuery(trpc.admin.permissions.list.queryOptions());
  // The signed-in person may hold the role they change: their own permissions reload too.
  const changed = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.roles.list.pathFilter()),
      queryClient.invalidateQueries(trpc.auth.me.pathFilter()),
    ]);
  const grant = useMutation(trpc.admin.roles.grant.mutationOptions({ onSettled: changed }));
  const revoke = useMutation(trpc.admin.roles.revoke.mutationOptions({ onSettled: changed }));
  const create = useMutation(trpc.admin.roles.create.mutationOptions({ onSuccess: changed }));
  const [pending, setPending] = useState<string | null>(null);
  const createProblems = formProblems(create.error, ["name", "description"], describe);
  const changeError = grant.error ?? revoke.error;

  function toggle(roleId: string, permissionId: string, granted: boolean) {
    setPending(`${roleId}:${permissionId}`);
    grant.reset();
    revoke.reset();
    const settle = { onSettled: () => setPending(null) };
    if (granted) grant.mutate({ roleId, permissionId }, settle);
    else revoke.mutate({ roleId, permissionId }, settle);
  }

  function addRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    create.mutate(
      { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") },
      { onSuccess: () => target.reset() },
    );
  }

  if (roles.isLoading || permissions.isLoading) return <Spinner label="Loading roles" />;
  const loadError = roles.error ?? permissions.error;
  if (loadError)
    return <ErrorMessage message={describe(loadError)} onRetry={() => void Promise.all([roles.refetch(), permissions.refetch()])} />;

  return (
    <div className="flex flex-col gap-4">
      <FormError message={changeError ? fieldMessage(changeError, "permissionId", describe) : null} />
      {roles.data?.map((role) => {
        const held = new Set(role.permissions.map((permission) => permission.id));
        return (
          <Card
            key={role.id}
            title={role.name}
            description={`${role.description ? `${role.description} · ` : ""}${role.userCount} ${role.userCount === 1 ? "person" : "people"}`}
          >
            <fieldset aria-label={`Permissions of ${role.name}`} className="grid gap-2 sm:grid-cols-2">
              {permissions.data?.map((permission) => {
                const name = `${permission.action}:${permission.entity}:${permission.access}`;
                return (
                  <CheckboxField
                    key={permission.id}
                    label={name}
                    hint={permission.description}
                    checked={held.has(permission.id)}
                    disabled={!mayChange || pending !== null}
                    onChange={(event) => toggle(role.id, permission.id, event.target.checked)}
                  />
                );
              })}
            </fieldset>
          </Card>
        );
      })}
      {mayChange && (
        <Card title="Add a role" description="A new role grants nothing until you tick its permissions.">
          <form onSubmit={addRole} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <TextField label="Name" name="name" required error={createProblems.fields.name} />
            <TextField label="Description" name="description" error={createProblems.fields.description} />
            <Button type="submit" busy={create.isPending}>
              Add role
            </Button>
          </form>
          <FormError message={createProblems.alert} />
        </Card>
      )}
    </div>
  );
}
