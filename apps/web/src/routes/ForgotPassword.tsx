import { formProblems, useTRPC } from "@glow/react";
import { Button, FormError, LinkButton, linkClassName, Notice, TextField } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { AuthPage } from "../components/AuthPage.tsx";
import { formText, useFocusFirstInvalid } from "../forms.ts";

export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const request = useMutation(trpc.auth.password.requestReset.mutationOptions());
  const problems = formProblems(request.error, ["email"]);
  useFocusFirstInvalid(formRef, request.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), "email");
    setEmail(value);
    request.mutate({ email: value });
  }

  const backToSignIn = (
    <Link to="/sign-in" className={linkClassName}>
      Back to sign in
    </Link>
  );

  if (request.isSuccess) {
    // The same answer whether or not the account exists, as the server gives.
    return (
      <AuthPage title="Check your email" footer={backToSignIn}>
        <Notice tone="success">
          <p>
            If an account exists for <strong className="break-all">{email}</strong>, we sent a link to reset its password. The link works
            for 30 minutes.
          </p>
        </Notice>
        <p className="text-sm text-slate-600">
          No email? Check your spam folder, or <LinkButton onClick={() => request.reset()}>try another address</LinkButton>.
        </p>
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Reset your password"
      intro="Enter your account's email and we will send you a link to choose a new password."
      footer={backToSignIn}
    >
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-4">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={email}
          error={problems.fields.email}
        />
        <FormError message={problems.alert} />
        <Button type="submit" className="w-full" busy={request.isPending}>
          Send reset link
        </Button>
      </form>
    </AuthPage>
  );
}
