import { errorMessage, formProblems, useTRPC } from "@glow/react";
import {
  Badge,
  Button,
  Card,
  CheckboxField,
  EmptyState,
  ErrorMessage,
  formatDateTime,
  formatRelativeTime,
  FormError,
  Notice,
  Spinner,
  TextField,
} from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import type { Account } from "../../account.ts";
import { formText, useFocusFirstInvalid } from "../../forms.ts";

type Scope = "read" | "write" | "admin";
const SCOPES: Array<{ scope: Scope; label: string; hint: string }> = [
  { scope: "read", label: "Read", hint: "Queries: your plan, favorites, challenge" },
  { scope: "write", label: "Write", hint: "Changes: complete steps, block creators, favorites" },
  { scope: "admin", label: "Admin", hint: "Admin procedures (only for admins)" },
];

/** Personal access tokens for scripts and other languages (docs/typed-client.md). */
export function ApiTokensSection({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const tokens = useQuery(trpc.auth.tokens.list.queryOptions());
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  // Spread, not passed in: options that read the form's ref stay with the hook.
  const create = useMutation({
    ...trpc.auth.tokens.create.mutationOptions(),
    onSuccess: (token) => {
      setCreated({ name: token.name, token: token.token });
      formRef.current?.reset();
      void queryClient.invalidateQueries(trpc.auth.tokens.list.pathFilter());
    },
  });
  const revoke = useMutation(
    trpc.auth.tokens.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.auth.tokens.list.pathFilter()) }),
  );
  const problems = formProblems(create.error, ["name", "scopes", "expiresAt"]);
  useFocusFirstInvalid(formRef, create.error);
  const isAdmin = account.roles.includes("admin");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const expires = formText(data, "expiresAt");
    setCreated(null);
    create.mutate({
      name: formText(data, "name"),
      scopes: data.getAll("scopes").map(String) as Scope[],
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`) } : {}),
    });
  }

  return (
    <Card
      title="API tokens"
      description="For your own scripts and for calling Glow from other languages. A token can do only what you can."
    >
      <div className="flex flex-col gap-5">
        {created && (
          <Notice tone="success">
            <p>Your new token “{created.name}”. Copy it now: it is not shown again.</p>
            <code data-new-token className="mt-2 block break-all rounded bg-white p-2 text-sm ring-1 ring-slate-200">
              {created.token}
            </code>
          </Notice>
        )}
        <form ref={formRef} noValidate onSubmit={submit} className="flex max-w-md flex-col gap-4">
          <TextField label="Name" name="name" placeholder="e.g. backup script" error={problems.fields.name} />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-700">Scopes</legend>
            {SCOPES.filter((s) => s.scope !== "admin" || isAdmin).map((s) => (
              <CheckboxField
                key={s.scope}
                name="scopes"
                value={s.scope}
                label={s.label}
                hint={s.hint}
                defaultChecked={s.scope === "read"}
              />
            ))}
            {problems.fields.scopes && <p className="text-sm text-red-700">{problems.fields.scopes}</p>}
          </fieldset>
          <TextField label="Expires (optional)" name="expiresAt" type="date" error={problems.fields.expiresAt} />
          <FormError message={problems.alert} />
          <Button type="submit" className="self-start" busy={create.isPending}>
            Create token
          </Button>
        </form>

        {tokens.isLoading && <Spinner label="Loading tokens" />}
        {tokens.error && <ErrorMessage message={errorMessage(tokens.error)} onRetry={() => void tokens.refetch()} />}
        {tokens.data && tokens.data.length === 0 && <EmptyState title="No API tokens yet" />}
        {tokens.data && tokens.data.length > 0 && (
          <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {tokens.data.map((token) => (
              <li key={token.id} data-api-token className="flex flex-wrap items-center justify-between gap-3 p-3">
                <div className="flex min-w-0 flex-col gap-0.5">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    {token.name} <code className="text-xs text-slate-500">{token.prefix}…</code>
                    {token.scopes.map((scope) => (
                      <Badge key={scope}>{scope}</Badge>
                    ))}
                  </p>
                  <p className="text-sm text-slate-600">
                    {token.lastUsedAt ? `Last used ${formatRelativeTime(token.lastUsedAt)}` : "Never used"}
                    {token.expiresAt ? ` · Expires ${formatDateTime(token.expiresAt)}` : ""}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  className="py-1.5"
                  aria-label={`Revoke token ${token.name}`}
                  busy={revoke.isPending && revoke.variables.id === token.id}
                  onClick={() => revoke.mutate({ id: token.id })}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
