import { formProblems, useTRPC } from "@glow/react";
import { Button, Card, CheckboxField, FormError, Notice, TextField } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import type { Account } from "../../account.ts";
import { formText, PASSWORD_RULE, useFocusFirstInvalid } from "../../forms.ts";

export function PasswordSection({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  // Spread, not passed in: options that read the form's ref stay with the hook.
  const change = useMutation({
    ...trpc.auth.password.change.mutationOptions(),
    onSuccess: () => {
      formRef.current?.reset();
      // The server signed out every other device (and maybe revoked the tokens), and an account may now have its first password.
      void queryClient.invalidateQueries(trpc.auth.sessions.list.pathFilter());
      void queryClient.invalidateQueries(trpc.auth.tokens.list.pathFilter());
      void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
    },
  });
  const problems = formProblems(change.error, ["currentPassword", "newPassword"]);
  useFocusFirstInvalid(formRef, change.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    change.mutate({
      ...(account.hasPassword ? { currentPassword: formText(data, "currentPassword") } : {}),
      newPassword: formText(data, "newPassword"),
      revokeApiTokens: data.get("revokeApiTokens") === "on",
    });
  }

  return (
    <Card
      title={account.hasPassword ? "Change password" : "Set a password"}
      description={
        account.hasPassword
          ? "Changing it signs out every other device."
          : "You sign in through a provider. Set a password to sign in with your email as well."
      }
    >
      <form ref={formRef} noValidate onSubmit={submit} className="flex max-w-md flex-col gap-4">
        {/* Lets password managers tie the new password to the account. */}
        <input type="email" name="username" autoComplete="username" value={account.email ?? ""} readOnly hidden />
        {account.hasPassword && (
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={problems.fields.currentPassword}
          />
        )}
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_RULE}
          error={problems.fields.newPassword}
        />
        <CheckboxField
          name="revokeApiTokens"
          label="Also revoke my API tokens"
          hint="Scripts and apps that use them stop working until you give them new ones."
        />
        <FormError message={problems.alert} />
        {change.isSuccess && (
          <Notice tone="success">
            <p>
              Your password is changed. Other devices were signed out
              {change.variables.revokeApiTokens ? ", and your API tokens were revoked." : "."}
            </p>
          </Notice>
        )}
        <Button type="submit" className="self-start" busy={change.isPending}>
          {account.hasPassword ? "Change password" : "Set password"}
        </Button>
      </form>
    </Card>
  );
}
