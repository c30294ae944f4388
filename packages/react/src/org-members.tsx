// An organization's members with role changes, for both apps: the web portal's Members page
// (orgs.members.*) and the desktop's Organizations screen (admin.orgs.*) give it their rows and
// their mutations; it waits for the rows, asks before demoting the last owner, shows the
// change on its way and the server's answer.
import {
  Button,
  ErrorMessage,
  Notice,
  ORG_ROLE_LABELS,
  OrgMembersTable,
  Spinner,
  type OrgMemberPending,
  type OrgMemberRow,
  type OrgRoleName,
} from "@glow/ui";
import { useId, useState } from "react";
import { useDescribeError } from "./provider.tsx";

export interface OrganizationMembersProps {
  /** The members: a query's state (a useQuery result fits, or a part of one picked out). */
  query: { isPending: boolean; error: unknown; data: readonly OrgMemberRow[] | undefined; refetch: () => unknown };
  /** Sets a member's role; resolve once the rows are fresh (e.g. after invalidating them). Without it the roles are read-only. */
  setRole?: (userId: string, role: OrgRoleName) => Promise<unknown>;
  /** Removes a member (after the viewer confirms); resolve once the rows are fresh. */
  remove?: (userId: string) => Promise<unknown>;
  /** Which rows may be changed (default: all). */
  canEdit?: (member: OrgMemberRow) => boolean;
  currentUserId?: string;
  caption?: string;
  exportName?: string;
  filter?: boolean;
  emptyText?: string;
}

type Confirmation = { kind: "demote"; member: OrgMemberRow; role: OrgRoleName } | { kind: "remove"; member: OrgMemberRow };

export function OrganizationMembers({
  query,
  setRole,
  remove,
  canEdit,
  currentUserId,
  caption = "Members",
  exportName,
  filter,
  emptyText,
}: OrganizationMembersProps) {
  const describeError = useDescribeError();
  const confirmTitleId = useId();
  const [pending, setPending] = useState<OrgMemberPending | null>(null);
  const [confirming, setConfirming] = useState<Confirmation | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  if (query.isPending) return <Spinner label={`Loading ${caption.toLowerCase()}`} />;
  if (query.data === undefined) return <ErrorMessage message={describeError(query.error)} onRetry={() => void query.refetch()} />;
  const members = query.data;

  async function change(next: OrgMemberPending, action: Promise<unknown>, success: string): Promise<void> {
    setPending(next);
    setFailure(null);
    setDone(null);
    try {
      await action;
      setDone(success);
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(null);
    }
  }

  function changeRole(member: OrgMemberRow, role: OrgRoleName): void {
    if (!setRole || role === member.role) return;
    setConfirming(null);
    void change(
      { userId: member.userId, role },
      setRole(member.userId, role),
      `${member.name} is now ${ORG_ROLE_LABELS[role].toLowerCase()}`,
    );
  }

  function askRoleChange(userId: string, role: OrgRoleName): void {
    const member = members.find((candidate) => candidate.userId === userId);
    if (!member) return;
    const owners = members.filter((candidate) => candidate.role === "owner").length;
    // The server refuses it too (an organization keeps an owner); asking first explains why.
    if (member.role === "owner" && role !== "owner" && owners <= 1) setConfirming({ kind: "demote", member, role });
    else changeRole(member, role);
  }

  function askRemove(userId: string): void {
    const member = members.find((candidate) => candidate.userId === userId);
    if (member) setConfirming({ kind: "remove", member });
  }

  function confirm(confirmation: Confirmation): void {
    if (confirmation.kind === "demote") return changeRole(confirmation.member, confirmation.role);
    setConfirming(null);
    const { member } = confirmation;
    if (remove) void change({ userId: member.userId }, remove(member.userId), `${member.name} was removed`);
  }

  return (
    <div className="flex flex-col gap-3">
      {confirming && (
        <div
          role="alertdialog"
          aria-labelledby={confirmTitleId}
          className="flex flex-col gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <p id={confirmTitleId} className="font-semibold">
            {confirming.kind === "demote"
              ? `Make ${confirming.member.name}, the only owner, ${ORG_ROLE_LABELS[confirming.role].toLowerCase()}?`
              : `Remove ${confirming.member.name} from this organization?`}
          </p>
          <p>
            {confirming.kind === "demote"
              ? "An organization needs at least one owner: unless someone else is an owner by now, the server will refuse."
              : "They lose access to its data at once; an invitation brings them back."}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant={confirming.kind === "remove" ? "danger" : "primary"} autoFocus onClick={() => confirm(confirming)}>
              {confirming.kind === "demote" ? `Make ${ORG_ROLE_LABELS[confirming.role].toLowerCase()}` : "Remove"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {failure !== null && <ErrorMessage message={describeError(failure)} />}
      {done && <Notice tone="success">{done}</Notice>}
      <OrgMembersTable
        members={members}
        caption={caption}
        onRoleChange={setRole ? askRoleChange : undefined}
        onRemove={remove ? askRemove : undefined}
        canEdit={canEdit}
        pending={pending ?? (confirming?.kind === "demote" ? { userId: confirming.member.userId, role: confirming.role } : null)}
        currentUserId={currentUserId}
        exportName={exportName}
        filter={filter}
        emptyText={emptyText}
      />
    </div>
  );
}
