import { Button, Card, ErrorMessage } from "@glow/ui";
import { useEffect, useState, type FormEvent } from "react";
import type { Account, AuthStatus, GlowBridge } from "../shared/bridge.ts";
import { TextField } from "./ui/TextField.tsx";

type FieldErrors = Partial<Record<"email" | "password", string>>;

function firstFieldErrors(fieldErrors: Record<string, string[]>): FieldErrors {
  const fields: FieldErrors = {};
  for (const field of ["email", "password"] as const) {
    const message = fieldErrors[field]?.[0];
    if (message) fields[field] = message;
  }
  return fields;
}

/** Email and password go to main, which signs in and keeps the token; this page gets the account. */
export function SignInScreen({ auth, notice, onSignedIn }: { auth: GlowBridge["auth"]; notice: string | null; onSignedIn(account: Account): void }) {
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
