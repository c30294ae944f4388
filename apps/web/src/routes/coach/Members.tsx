import { errorMessage, formProblems, OrganizationMembers, orgRoleName, useTRPC, type MyOrganization, type OrgRole } from "@glow/react";
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorMessage,
  FormError,
  formatDateTime,
  linkClassName,
  Notice,
  OrgRoleBadge,
  SegmentedControl,
  SelectField,
  Spinner,
  TextField,
} from "@glow/ui";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { hasPermission, type Account } from "../../account.ts";
import { formText, useFocusFirstInvalid, usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

type RoleFilter = OrgRole | "all";
const ROLE_FILTERS = [
  { value: "all", label: "Everyone" },
  { value: "owner", label: "Owners" },
  { value: "staff", label: "Staff" },
  { value: "client", label: "Clients" },
] as const satisfies ReadonlyArray<{ value: RoleFilter; label: string }>;

/** Everything that shows who is in the organization or invited to it, to refresh after a change. */
function useMembersChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.orgs.members.pathFilter()),
      queryClient.invalidateQueries(trpc.orgs.invitations.list.pathFilter()),
      queryClient.invalidateQueries(trpc.orgs.get.pathFilter()),
      queryClient.invalidateQueries(trpc.orgs.mine.pathFilter()),
      queryClient.invalidateQueries(trpc.coach.clients.pathFilter()),
    ]);
}

function InviteForm({ org, account }: { org: MyOrganization; account: Account }) {
  const trpc = useTRPC();
  const changed = useMembersChanged();
  const formRef = useRef<HTMLFormElement>(null);
  const invite = useMutation(trpc.orgs.members.invite.mutationOptions({ onSuccess: changed }));
  const problems = formProblems(invite.error, ["email", "role"]);
  useFocusFirstInvalid(formRef, invite.error);
  // Staff invite clients; only owners invite staff and owners (the server refuses the rest).
  const roles: OrgRole[] = org.role === "owner" ? ["client", "staff", "owner"] : ["client"];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const data = new FormData(target);
    invite.mutate(
      { orgId: org.id, email: formText(data, "email").trim(), role: formText(data, "role") as OrgRole },
      { onSuccess: () => target.reset() },
    );
  }

  return (
    <Card
      title="Invite someone"
      description="They get an email with a link, valid for 7 days; opening it lets them sign up or sign in and join."
    >
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          required
          className="sm:flex-1"
          error={problems.fields.email}
        />
        <SelectField label="Role" name="role" defaultValue="client" className="sm:w-40" error={problems.fields.role}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {orgRoleName(role)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="sm:mt-6" busy={invite.isPending}>
          Send invitation
        </Button>
      </form>
      <div className="mt-3 flex flex-col gap-2">
        <FormError message={problems.alert} />
        {invite.isSuccess && !invite.isPending && (
          <Notice tone="success">
            <p>
              Invitation sent to <strong className="break-all">{invite.data.email}</strong> as {orgRoleName(invite.data.role).toLowerCase()}
              .
            </p>
            {hasPermission(account, { action: "read", entity: "outbox" }) && (
              <p>
                Without a mail server it waits in the{" "}
                <Link to="/admin/outbox" className={linkClassName}>
                  outbox
                </Link>
                .
              </p>
            )}
          </Notice>
        )}
      </div>
    </Card>
  );
}

function PendingInvitations({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const changed = useMembersChanged();
  const invitations = useQuery(trpc.orgs.invitations.list.queryOptions({ orgId: org.id }));
  const revoke = useMutation(trpc.orgs.invitations.revoke.mutationOptions({ onSuccess: changed }));

  return (
    <Card title="Pending invitations" description="Sent and not accepted yet.">
      {invitations.isLoading && <Spinner label="Loading invitations" />}
      {invitations.error && <ErrorMessage message={errorMessage(invitations.error)} onRetry={() => void invitations.refetch()} />}
      {revoke.error && <ErrorMessage message={errorMessage(revoke.error)} />}
      {invitations.data && invitations.data.length === 0 && <EmptyState title="No pending invitations" />}
      {invitations.data && invitations.data.length > 0 && (
        <ul className="flex flex-col divide-y divide-slate-100" aria-label="Pending invitations">
          {invitations.data.map((invitation) => (
            <li
              key={invitation.invitationId}
              data-invitation={invitation.email}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-2 text-sm"
            >
              <span className="flex min-w-0 flex-col">
                <span className="break-all font-medium text-slate-900">{invitation.email}</span>
                <span className="text-xs text-slate-500">
                  {invitation.invitedBy ? `Invited by ${invitation.invitedBy.name} · ` : ""}
                  {invitation.expired ? "expired" : `until ${formatDateTime(invitation.expiresAt)}`}
                </span>
              </span>
              <span className="flex items-center gap-2">
                <OrgRoleBadge role={invitation.role} />
                {invitation.expired && <Badge tone="warning">Expired</Badge>}
                {(org.role === "owner" || invitation.role === "client") && (
                  <Button
                    variant="secondary"
                    className="py-1"
                    aria-label={`Revoke the invitation to ${invitation.email}`}
                    busy={revoke.isPending && revoke.variables.invitationId === invitation.invitationId}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ orgId: org.id, invitationId: invitation.invitationId })}
                  >
                    Revoke
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function MemberList({ org, account }: { org: MyOrganization; account: Account }) {
  const trpc = useTRPC();
  const changed = useMembersChanged();
  const [role, setRole] = useState<RoleFilter>("all");
  const [search, setSearch] = useState("");
  const members = useInfiniteQuery(
    trpc.orgs.members.list.infiniteQueryOptions(
      { orgId: org.id, limit: 25, ...(role === "all" ? {} : { role }), ...(search ? { search } : {}) },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const changeRole = useMutation(trpc.orgs.members.setRole.mutationOptions());
  const remove = useMutation(trpc.orgs.members.remove.mutationOptions());
  const rows = members.data?.pages.flatMap((page) => page.items);

  function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(formText(new FormData(event.currentTarget), "search").trim());
  }

  return (
    <Card title="Members">
      <div className="flex flex-col gap-3">
        <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
          <SegmentedControl legend="Show" name="member-role" options={ROLE_FILTERS} value={role} onChange={setRole} />
          <form role="search" onSubmit={find} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <TextField label="Search members" name="search" type="search" placeholder="Name or email" maxLength={100} />
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
        </div>
        <OrganizationMembers
          query={{ isPending: members.isPending, error: members.error, data: rows, refetch: () => members.refetch() }}
          caption="Members"
          currentUserId={account.id}
          emptyText={search || role !== "all" ? "Nobody matches" : "No members yet"}
          // Owners manage; staff see (the server refuses the rest).
          {...(org.role === "owner"
            ? {
                setRole: async (userId: string, next: OrgRole) => {
                  await changeRole.mutateAsync({ orgId: org.id, userId, role: next });
                  await changed();
                },
                remove: async (userId: string) => {
                  await remove.mutateAsync({ orgId: org.id, userId });
                  await changed();
                },
              }
            : {})}
        />
        {members.hasNextPage && (
          <Button
            variant="secondary"
            className="self-center"
            busy={members.isFetchingNextPage}
            onClick={() => void members.fetchNextPage()}
          >
            Load more
          </Button>
        )}
      </div>
    </Card>
  );
}

/** `/coach/members`: who is in the business and who is invited; owners change roles and remove people. */
export function CoachMembersPage() {
  usePageTitle("Members");
  return (
    <RequireOrg role="staff" screen="The members page">
      {(org, account) => (
        <div key={org.id} className="flex flex-col gap-6">
          <CoachHeading
            title="Members"
            org={org}
            intro={org.role === "owner" ? "Invite staff and clients, change their roles." : "Invite clients and see who is in the team."}
          />
          <InviteForm org={org} account={account} />
          <PendingInvitations org={org} />
          <MemberList org={org} account={account} />
        </div>
      )}
    </RequireOrg>
  );
}
