import { formProblems, useTRPC } from "@glow/react";
import { buttonClassName, FormError, linkClassName, Notice, Spinner } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { AuthPage } from "../components/AuthPage.tsx";

export function VerifyEmailPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get("token");
  const queryClient = useQueryClient();
  const verify = useMutation(
    trpc.auth.email.verify.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.auth.me.pathFilter()) }),
  );
  const { mutate } = verify;
  // The token is single-use: call once, even when StrictMode runs effects twice.
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    mutate({ token });
  }, [token, mutate]);

  const problems = formProblems(verify.error, ["token"]);
  const failure = !token
    ? "This confirmation link is incomplete. Open the link from the email again."
    : problems.fields.token
      ? "This confirmation link is invalid or has expired."
      : problems.alert;

  return (
    <AuthPage title="Confirm your email">
      {failure ? (
        <FormError message={failure}>
          <p>
            Sign in and use “Resend verification email” in your{" "}
            <Link to="/settings" className={linkClassName}>
              account settings
            </Link>{" "}
            to get a new link.
          </p>
        </FormError>
      ) : verify.isSuccess ? (
        <>
          <Notice tone="success">
            <p>Your email address is confirmed. Thank you!</p>
          </Notice>
          <Link to="/" className={buttonClassName("primary", "w-full")}>
            Continue to Glow
          </Link>
        </>
      ) : (
        <Spinner label="Confirming your email" />
      )}
    </AuthPage>
  );
}
