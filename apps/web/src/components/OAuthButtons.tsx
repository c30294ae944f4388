import { errorMessage, useTRPC } from "@glow/react";
import { Button, FormError } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { useStartOAuth, type OAuthProviderId } from "../account.ts";

/** "Continue with …" for each provider the server has set up; nothing when there are none. */
export function OAuthButtons() {
  const trpc = useTRPC();
  const providers = useQuery(trpc.auth.oauth.providers.queryOptions());
  const start = useStartOAuth();

  if (providers.error) return <p className="text-sm text-slate-500">Other ways to sign in could not be loaded.</p>;
  if (!providers.data || providers.data.length === 0) return null;

  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-center gap-3 text-xs font-medium uppercase tracking-wide text-slate-500">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
        or
        <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
      </p>
      {providers.data.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          className="w-full"
          busy={(start.isPending || start.isSuccess) && start.variables?.provider === provider.id}
          disabled={start.isPending || start.isSuccess}
          onClick={() => start.mutate({ provider: provider.id as OAuthProviderId })}
        >
          Continue with {provider.label}
        </Button>
      ))}
      <FormError message={start.error ? errorMessage(start.error) : null} />
    </div>
  );
}
