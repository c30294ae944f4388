import { formProblems, useTRPC } from "@glow/react";
import { Button, buttonClassName, FormError, linkClassName, Notice, TextField } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { AuthPage } from "../components/AuthPage.tsx";
import { formText, PASSWORD_RULE, useFocusFirstInvalid } from "../forms.ts";

const askAgain = (
  <Link to="/forgot-password" className={linkClassName}>
    Ask for a new link
  </Link>
);

export function ResetPasswordPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get("token");
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  // The server ends every session of the account, this browser's included.
  const reset = useMutation(
    trpc.auth.password.reset.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.auth.me.pathFilter()) }),
  );
  const problems = formProblems(reset.error, ["password", "token"]);
  useFocusFirstInvalid(formRef, reset.error);

  if (!token) {
    return (
      <AuthPage title="Choose a new password">
        <FormError message="This reset link is incomplete. Open the link from the email again, or ask for a new one.">
          <p>{askAgain}</p>
        </FormError>
      </AuthPage>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthPage title="Password changed">
        <Notice tone="success">
          <p>Your password is changed. Every device that was signed in has been signed out, and your API tokens are revoked.</p>
        </Notice>
        <Link to="/sign-in" className={buttonClassName("primary", "w-full")}>
          Sign in with your new password
        </Link>
      </AuthPage>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset.mutate({ token: token!, password: formText(new FormData(event.currentTarget), "password") });
  }

  return (
    <AuthPage title="Choose a new password" intro="Resetting your password signs you out everywhere and revokes your API tokens.">
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-4">
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_RULE}
          error={problems.fields.password}
        />
        {problems.fields.token ? (
          <FormError message="This reset link is invalid or has expired.">
            <p>{askAgain}</p>
          </FormError>
        ) : (
          <FormError message={problems.alert} />
        )}
        <Button type="submit" className="w-full" busy={reset.isPending}>
          Change password
        </Button>
      </form>
    </AuthPage>
  );
}
