import { useTRPC } from "@glow/react";
import { Button, Card, ErrorMessage, TextField } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import type { Account, AuthStatus, GlowBridge } from "../shared/bridge.ts";

type FieldErrors = Partial<Record<"email" | "password", string>>;

function firstFieldErrors(fieldErrors: Record<string, string[]>): FieldErrors {
  const fields: FieldErrors = {};
  for (const field of ["email", "password"] as const) {
    const message = fieldErrors[field]?.[0];
    if (message) fields[field] = message;
  }
  return fields;
}

/**
 * Providers the server offers (GitHub, Google, TikTok): main opens the system browser and
 * waits for the glow:// link that brings the browser back, so no password passes through the app.
 */
function ProviderSignIn({
  auth,
  disabled,
  onSignedIn,
}: {
  auth: GlowBridge["auth"];
  disabled: boolean;
  onSignedIn(account: Account): void;
}) {
  const trpc = useTRPC();
  const providers = useQuery(trpc.auth.oauth.providers.queryOptions(undefined, { staleTime: 60_000 }));
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function start(provider: { id: string; label: string }): Promise<void> {
    setWaitingFor(provider.label);
    setError(null);
    try {
      const result = await auth.signInWithProvider(provider.id);
      if (result.ok) {
        onSignedIn(result.account);
        return;
      }
      setError(result.error);
    } catch {
      setError("Could not sign in: the app did not answer. Restart it and try again.");
    }
    setWaitingFor(null);
  }

  if (!providers.data || providers.data.length === 0) return null;
  return (
    <div className="mt-5 flex flex-col gap-3 border-t border-slate-100 pt-4">
      {waitingFor ? (
        <div role="status" className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <span>Continue in your browser to sign in with {waitingFor}. Glow opens again when you are done.</span>
          <Button variant="secondary" onClick={() => void auth.cancelProviderSignIn()}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {providers.data.map((provider) => (
            <Button key={provider.id} variant="secondary" disabled={disabled} onClick={() => void start(provider)}>
              Continue with {provider.label}
            </Button>
          ))}
        </div>
      )}
      {error && <ErrorMessage message={error} />}
    </div>
  );
}

/** Email and password go to main, which signs in and keeps the token; this page gets the account. */
export function SignInScreen({
  auth,
  notice,
  onSignedIn,
}: {
  auth: GlowBridge["auth"];
  notice: string | null;
  onSignedIn(account: Account): void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [tokenStorage, setTokenStorage] = useState<AuthStatus["tokenStorage"] | null>(null);

  useEffect(() => {
    let current = true;
    auth.status().then(
      (status) => current && setTokenStorage(status.tokenStorage),
      () => {}, // only a note depends on it
    );
    return () => {
      current = false;
    };
  }, [auth]);

  async function signIn(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await auth.signIn(email.trim(), password);
      if (result.ok) {
        onSignedIn(result.account);
        return;
      }
      const fields = firstFieldErrors(result.fieldErrors);
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0) setError(result.error);
    } catch {
      setError("Could not sign in: the app did not answer. Restart it and try again.");
    }
    setBusy(false);
  }

  return (
    <Card title="Sign in">
      {notice && (
        <p role="status" className="mb-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <form onSubmit={(event) => void signIn(event)} noValidate className="flex max-w-sm flex-col gap-3">
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
        />
        {error && <ErrorMessage message={error} />}
        <div>
          <Button type="submit" busy={busy}>
            Sign in
          </Button>
        </div>
      </form>
      <ProviderSignIn auth={auth} disabled={busy} onSignedIn={onSignedIn} />
      {tokenStorage === "memory" && (
        <p className="mt-3 text-xs text-slate-500">
          This computer offers no secure storage, so Glow keeps your session only until you quit the app.
        </p>
      )}
      {import.meta.env.DEV && (
        <p className="mt-3 text-xs text-slate-500">
          Development: sign in with <code>admin@glow.dev</code> (or <code>user@glow.dev</code>) and the password{" "}
          <code>glow-demo-password</code> after seeding the database (<code>pnpm --filter @glow/db seed</code>).
        </p>
      )}
    </Card>
  );
}
