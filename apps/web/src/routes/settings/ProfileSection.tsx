import { formProblems, useTRPC } from "@glow/react";
import { Button, Card, FormError, Notice, TextField } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import type { Account } from "../../account.ts";
import { formText, useFocusFirstInvalid } from "../../forms.ts";

export function ProfileSection({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const update = useMutation(
    trpc.auth.profile.update.mutationOptions({ onSuccess: (updated) => queryClient.setQueryData(trpc.auth.me.queryKey(), updated) }),
  );
  const problems = formProblems(update.error, ["name"]);
  useFocusFirstInvalid(formRef, update.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ name: formText(new FormData(event.currentTarget), "name") });
  }

  return (
    <Card title="Profile" description="Your name as others on Glow see it.">
      <form ref={formRef} noValidate onSubmit={submit} className="flex max-w-md flex-col gap-4">
        <TextField label="Name" name="name" autoComplete="name" required defaultValue={account.name} error={problems.fields.name} />
        <FormError message={problems.alert} />
        {update.isSuccess && (
          <Notice tone="success">
            <p>Your name is saved.</p>
          </Notice>
        )}
        <Button type="submit" className="self-start" busy={update.isPending}>
          Save name
        </Button>
      </form>
    </Card>
  );
}
