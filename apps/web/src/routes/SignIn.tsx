import { oauthErrorMessage } from "@glow/api/client";
import { errorData, formProblems, useTRPC } from "@glow/react";
import { Button, FormError, linkClassName, Notice, TextField } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { returnPath, useAccount, useSwitchAccount } from "../account.ts";
import { AuthPage } from "../components/AuthPage.tsx";
import { OAuthButtons } from "../components/OAuthButtons.tsx";
import { formText, useFocusFirstInvalid } from "../forms.ts";

function DemoAccounts() {
  return (
    <Notice tone="info">
      <p className="font-medium">Demo accounts (development only)</p>
      <p>
        <code>admin@glow.dev</code> or <code>user@glow.dev</code>, password <code className="whitespace-nowrap">glow-demo-password</code>
      </p>
    </Notice>
  );
}

export function SignInPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useAccount();
  const switchAccount = useSwitchAccount();
  const formRef = useRef<HTMLFormElement>(null);
  // Back to the page that sent the person here: `?next=` from a link (an invitation), else the redirect's state.
  const next = returnPath(params.has("next") ? { from: params.get("next") } : location.state);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ account }) => {
        switchAccount(account);
        void navigate(next, { replace: true });
      },
    }),
  );
  const problems = formProblems(login.error, ["email", "password"]);
  useFocusFirstInvalid(formRef, login.error);
  // A failed provider sign-in comes back as ?error=<code>; only known codes are worded, so a
  // crafted link cannot put its own text here. A new attempt replaces it.
  const providerError = login.isIdle ? oauthErrorMessage(params.get("error")) : null;
  // Locked after too many failures: a reset email is the way in now.
  const locked = errorData(login.error)?.code === "TOO_MANY_REQUESTS";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    login.mutate({ email: formText(data, "email"), password: formText(data, "password") });
  }

  return (
    <AuthPage
      title="Sign in"
      intro="Welcome back to Glow."
      footer={
        <>
          New to Glow?{" "}
          <Link to={next === "/" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`} className={linkClassName}>
            Create an account
          </Link>
        </>
      }
    >
      {me.data && !login.isSuccess && (
        <Notice>
          <p>
            You are signed in as <strong>{me.data.name}</strong>.{" "}
            <Link to="/" className={linkClassName}>
              Go to the home page
            </Link>
          </p>
        </Notice>
      )}
      <FormError message={providerError} />
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-4">
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={problems.fields.email} />
        <div className="flex flex-col gap-2">
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={problems.fields.password}
          />
          <Link to="/forgot-password" className={linkClassName + " self-end text-sm"}>
            Forgot password?
          </Link>
        </div>
        <FormError message={problems.alert}>
          {locked && (
            <p>
              <Link to="/forgot-password" className={linkClassName}>
                Reset your password
              </Link>
            </p>
          )}
        </FormError>
        <Button type="submit" className="w-full" busy={login.isPending || login.isSuccess}>
          Sign in
        </Button>
      </form>
      <OAuthButtons />
      {import.meta.env.DEV && <DemoAccounts />}
    </AuthPage>
  );
}
