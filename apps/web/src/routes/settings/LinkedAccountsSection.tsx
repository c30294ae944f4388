import { errorMessage, useTRPC } from "@glow/react";
import { Badge, Button, Card, EmptyState, FormError, Notice, Spinner } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { useStartOAuth, type Account, type OAuthProviderId } from "../../account.ts";

const capitalised = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

export function LinkedAccountsSection({ account }: { account: Account }) {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const providers = useQuery(trpc.auth.oauth.providers.queryOptions());
  const start = useStartOAuth();
  const labelOf = (id: string) => providers.data?.find((provider) => provider.id === id)?.label ?? capitalised(id);
  // The OAuth callback comes back here with ?linked=<provider> once the link is made.
  const justLinked = params.get("linked");

  // Providers this server offers, plus any linked earlier that it no longer offers.
  const ids = [...new Set([...(providers.data ?? []).map((provider) => provider.id), ...account.linkedProviders])];

  return (
    <Card title="Linked accounts" description="Sign in with another account instead of your password.">
      <div className="flex flex-col gap-4">
        {justLinked && (
          <Notice tone="success">
            <p>Your {labelOf(justLinked)} account is now linked.</p>
          </Notice>
        )}
        {providers.isLoading && <Spinner label="Loading providers" />}
        {providers.error && <FormError message={errorMessage(providers.error)} />}
        {!providers.isLoading && ids.length === 0 && (
          <EmptyState title="No sign-in providers are set up">This server offers sign-in with email and password only.</EmptyState>
        )}
        {ids.length > 0 && (
          <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {ids.map((id) => {
              const label = labelOf(id);
              const linked = account.linkedProviders.includes(id);
              const offered = providers.data?.some((provider) => provider.id === id) ?? false;
              return (
                <li key={id} className="flex flex-wrap items-center justify-between gap-3 p-3">
                  <span className="font-medium text-slate-900">{label}</span>
                  {linked ? (
                    <Badge tone="success">Linked</Badge>
                  ) : offered ? (
                    <Button
                      variant="secondary"
                      className="py-1.5"
                      aria-label={`Link ${label}`}
                      busy={(start.isPending || start.isSuccess) && start.variables?.provider === id}
                      disabled={start.isPending || start.isSuccess}
                      onClick={() => start.mutate({ provider: id as OAuthProviderId, link: true })}
                    >
                      Link
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        <FormError message={start.error ? errorMessage(start.error) : null} />
      </div>
    </Card>
  );
}
