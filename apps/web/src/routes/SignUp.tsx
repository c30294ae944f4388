import { errorData, formProblems, useTRPC } from "@glow/react";
import { Button, FormError, linkClassName, TextField } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { returnPath, useSwitchAccount } from "../account.ts";
import { AuthPage } from "../components/AuthPage.tsx";
import { OAuthButtons } from "../components/OAuthButtons.tsx";
import { formText, PASSWORD_RULE, useFocusFirstInvalid } from "../forms.ts";

export function SignUpPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  // Where to go once signed up: `?next=` from a link (an invitation, which also gives `?email=`), else home.
  const next = returnPath(params.has("next") ? { from: params.get("next") } : location.state);
  const switchAccount = useSwitchAccount();
  const formRef = useRef<HTMLFormElement>(null);
  const register = useMutation(
    trpc.auth.register.mutationOptions({
      onSuccess: ({ account }) => {
        switchAccount(account);
        void navigate(next, { replace: true });
      },
    }),
  );
  const problems = formProblems(register.error, ["name", "email", "password"]);
  useFocusFirstInvalid(formRef, register.error);
  const emailTaken = errorData(register.error)?.code === "CONFLICT";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    register.mutate({ name: formText(data, "name"), email: formText(data, "email"), password: formText(data, "password") });
  }

  return (
    <AuthPage
      title="Create your account"
      intro="One account for everything on Glow."
      footer={
        <>
          Already have an account?{" "}
          <Link to={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} className={linkClassName}>
            Sign in
          </Link>
        </>
      }
    >
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-4">
        <TextField label="Name" name="name" autoComplete="name" required error={problems.fields.name} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={params.get("email") ?? undefined}
          error={problems.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_RULE}
          error={problems.fields.password}
        />
        <FormError message={problems.alert}>
          {emailTaken && (
            <p className="flex flex-wrap gap-x-4">
              <Link to="/sign-in" className={linkClassName}>
                Sign in
              </Link>
              <Link to="/forgot-password" className={linkClassName}>
                Reset your password
              </Link>
            </p>
          )}
        </FormError>
        <Button type="submit" className="w-full" busy={register.isPending || register.isSuccess}>
          Create account
        </Button>
      </form>
      <OAuthButtons />
    </AuthPage>
  );
}
