import { errorData, errorMessage, fieldMessage, useCurrentOrg, useTRPC, type OrgRole } from "@glow/react";
import { Button, buttonClassName, Card, ErrorMessage, FormError, Notice, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useAccount, type Account } from "../../account.ts";
import { usePageTitle } from "../../forms.ts";

const AS_ROLE: Record<OrgRole, string> = { owner: "an owner", staff: "staff", client: "a client" };

interface Preview {
  organizationName: string;
  role: OrgRole;
  email: string;
  expired: boolean;
}

/** The page's frame: the invitation in one sentence, then what to do about it. */
function InvitationFrame({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4 sm:pt-6">
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <Card>
        <div className="flex flex-col gap-4">{children}</div>
      </Card>
    </div>
  );
}

function SignedOut({ token, preview }: { token: string; preview: Preview }) {
  const next = encodeURIComponent(`/invite/${token}`);
  return (
    <>
      <p className="text-sm text-slate-600">
        It was sent to <strong className="break-all">{preview.email}</strong>. Create your Glow account with that address, or sign in if you
        have one; you come back here to accept.
      </p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link to={`/sign-up?email=${encodeURIComponent(preview.email)}&next=${next}`} className={buttonClassName("primary", "sm:flex-1")}>
          Create an account
        </Link>
        <Link to={`/sign-in?next=${next}`} className={buttonClassName("secondary", "sm:flex-1")}>
          Sign in
        </Link>
      </div>
    </>
  );
}

function SignedIn({ token, preview, account }: { token: string; preview: Preview; account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { setOrgId } = useCurrentOrg();
  const accept = useMutation(
    trpc.orgs.invitations.accept.mutationOptions({
      onSuccess: async ({ orgId }) => {
        setOrgId(orgId);
        await queryClient.invalidateQueries(trpc.orgs.mine.pathFilter());
        void navigate("/coach", { replace: true });
      },
    }),
  );
  // Signing in with the invited address: sign out here, then come back through sign-in.
  const switchAccount = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => window.location.assign(`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`),
    }),
  );
  const otherEmail = (account.email ?? "").toLowerCase() !== preview.email.toLowerCase();

  return (
    <>
      {otherEmail ? (
        <Notice tone="warning">
          <p>
            This invitation was sent to <strong className="break-all">{preview.email}</strong>, and you are signed in as{" "}
            <strong className="break-all">{account.email ?? account.name}</strong>. Sign in with the invited address to accept it.
          </p>
        </Notice>
      ) : (
        <p className="text-sm text-slate-600">
          You are signed in as <strong className="break-all">{account.email}</strong>. Accepting adds {preview.organizationName} to your
          businesses.
        </p>
      )}
      <FormError message={accept.error ? fieldMessage(accept.error, "token") : null} />
      <FormError message={switchAccount.error ? `Could not sign out. ${errorMessage(switchAccount.error)}` : null} />
      <div className="flex flex-col gap-3 sm:flex-row">
        {otherEmail ? (
          <Button className="sm:flex-1" busy={switchAccount.isPending || switchAccount.isSuccess} onClick={() => switchAccount.mutate()}>
            Sign in as {preview.email}
          </Button>
        ) : (
          <Button className="sm:flex-1" busy={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
            Accept the invitation
          </Button>
        )}
      </div>
    </>
  );
}

/** `/invite/:token`, the link in an invitation email: who invites whom, then sign up, sign in or accept. */
export function InvitationPage() {
  const { token = "" } = useParams();
  const trpc = useTRPC();
  const me = useAccount();
  const preview = useQuery(trpc.orgs.invitations.preview.queryOptions({ token }, { staleTime: Infinity }));

  if (preview.isLoading || me.isLoading) return <Spinner label="Loading the invitation" />;
  if (preview.error) {
    // A used, revoked or mangled link is refused as a bad token; anything else may pass, so it can be retried.
    const refused = errorData(preview.error)?.httpStatus === 400;
    if (!refused) return <ErrorMessage message={errorMessage(preview.error)} onRetry={() => void preview.refetch()} />;
    return (
      <InvitationFrame title="This invitation cannot be used">
        <p className="text-sm text-slate-600" data-invitation-state="invalid">
          {fieldMessage(preview.error, "token")}. Ask the business to invite you again; a new email brings a new link.
        </p>
        <Link to="/" className={buttonClassName("secondary", "self-start")}>
          Go to the home page
        </Link>
      </InvitationFrame>
    );
  }
  const invitation = preview.data;
  if (!invitation) return null;
  const sentence = `${invitation.organizationName} invites you as ${AS_ROLE[invitation.role]}`;

  if (invitation.expired)
    return (
      <InvitationFrame title="This invitation has expired">
        <p className="text-sm text-slate-600" data-invitation-state="expired">
          {sentence}, but invitations last 7 days and this one is over. Ask {invitation.organizationName} to invite{" "}
          <strong className="break-all">{invitation.email}</strong> again.
        </p>
      </InvitationFrame>
    );

  return (
    <InvitationFrame title={sentence}>
      <p className="text-sm text-slate-600" data-invitation-state="pending">
        As {AS_ROLE[invitation.role]} of {invitation.organizationName} on Glow Coach,{" "}
        {invitation.role === "client"
          ? "you take its assessment, get a workout program made for you and log your training."
          : "you see its clients and run its coaching."}
      </p>
      {me.data ? <SignedIn token={token} preview={invitation} account={me.data} /> : <SignedOut token={token} preview={invitation} />}
    </InvitationFrame>
  );
}
