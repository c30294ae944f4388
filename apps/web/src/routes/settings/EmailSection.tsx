import { errorMessage, useTRPC } from "@glow/react";
import { Badge, Card, FormError, LinkButton, Notice } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Account } from "../../account.ts";

export function EmailSection({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.auth.email.resendVerification.mutationOptions({
      onSuccess: ({ sent }) => {
        if (!sent) void queryClient.invalidateQueries(trpc.auth.me.pathFilter()); // already confirmed elsewhere
      },
    }),
  );

  if (!account.email) {
    return (
      <Card title="Email">
        <p className="text-sm text-slate-600">
          There is no email address on this account: you signed up through a provider that did not share a confirmed one.
        </p>
      </Card>
    );
  }

  return (
    <Card title="Email">
      <div className="flex flex-col gap-3">
        <p className="flex flex-wrap items-center gap-2">
          <span className="break-all font-medium text-slate-900">{account.email}</span>
          {account.emailVerified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Not verified</Badge>}
        </p>
        {!account.emailVerified && (
          <>
            <p className="text-sm text-slate-600">Open the link we emailed you to confirm this address. Links work for 24 hours.</p>
            <LinkButton className="self-start" busy={resend.isPending} onClick={() => resend.mutate()}>
              Resend verification email
            </LinkButton>
          </>
        )}
        {resend.data && (
          <Notice tone="success">
            <p>{resend.data.sent ? `We sent a new link to ${account.email}.` : "Your email address is already confirmed."}</p>
          </Notice>
        )}
        <FormError message={resend.error ? errorMessage(resend.error) : null} />
      </div>
    </Card>
  );
}
