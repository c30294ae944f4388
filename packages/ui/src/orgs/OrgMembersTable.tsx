import { Badge } from "../Badge.tsx";
import { Button } from "../Button.tsx";
import { DataTable, type DataColumn } from "../DataTable.tsx";
import { formatDateTime } from "../format.ts";
import { ORG_ROLE_LABELS, ORG_ROLE_NAMES, OrgRoleBadge, type OrgRoleName } from "./OrgRoleBadge.tsx";

export interface OrgMemberRow {
  userId: string;
  name: string;
  /** Null for accounts from a provider that shares no email. */
  email: string | null;
  role: OrgRoleName;
  joinedAt: Date;
}

/** A change to one member on its way: that row shows it and waits. */
export interface OrgMemberPending {
  userId: string;
  /** The role being set; absent while the member is being removed. */
  role?: OrgRoleName;
}

export interface OrgMembersTableProps {
  members: readonly OrgMemberRow[];
  caption?: string;
  hideCaption?: boolean;
  /** Gives each row a role picker; the picker keeps showing the member's role until the rows change. */
  onRoleChange?: (userId: string, role: OrgRoleName) => void;
  /** Gives each row a Remove button. */
  onRemove?: (userId: string) => void;
  /** Which rows get the role picker and Remove button (default: all, when the callbacks are given). */
  canEdit?: (member: OrgMemberRow) => boolean;
  pending?: OrgMemberPending | null;
  /** The person looking: their row gets a "You" badge. */
  currentUserId?: string;
  /** The table's own quick filter box. */
  filter?: boolean;
  exportName?: string;
  emptyText?: string;
}

/** An organization's members with their roles, and, when the viewer may, a role picker and Remove per row. */
export function OrgMembersTable({
  members,
  caption = "Members",
  hideCaption,
  onRoleChange,
  onRemove,
  canEdit = () => true,
  pending = null,
  currentUserId,
  filter = false,
  exportName,
  emptyText = "No members yet",
}: OrgMembersTableProps) {
  const columns: Array<DataColumn<OrgMemberRow>> = [
    {
      header: "Name",
      rowHeader: true,
      value: (member) => member.name,
      render: (member) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          {member.name}
          {member.userId === currentUserId && <Badge tone="glow">You</Badge>}
        </span>
      ),
    },
    { header: "Email", value: (member) => member.email ?? "", render: (member) => member.email ?? "—" },
    {
      header: "Role",
      value: (member) => ORG_ROLE_LABELS[member.role],
      render: (member) => {
        const shown = pending?.userId === member.userId && pending.role ? pending.role : member.role;
        if (!onRoleChange || !canEdit(member)) return <OrgRoleBadge role={shown} />;
        return (
          <select
            aria-label={`Role of ${member.name}`}
            value={shown}
            disabled={pending !== null}
            onChange={(event) => onRoleChange(member.userId, event.target.value as OrgRoleName)}
            className="rounded-lg bg-white px-2 py-1 text-sm text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500 disabled:bg-slate-100"
          >
            {ORG_ROLE_NAMES.map((role) => (
              <option key={role} value={role}>
                {ORG_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        );
      },
    },
    { header: "Joined", value: (member) => member.joinedAt, render: (member) => formatDateTime(member.joinedAt) },
  ];
  if (onRemove) {
    columns.push({
      id: "actions",
      header: "Actions",
      exported: false,
      hideable: false,
      render: (member) =>
        canEdit(member) ? (
          <Button
            variant="secondary"
            className="py-1"
            aria-label={`Remove ${member.name}`}
            busy={pending?.userId === member.userId && pending.role === undefined}
            disabled={pending !== null}
            onClick={() => onRemove(member.userId)}
          >
            Remove
          </Button>
        ) : null,
    });
  }

  return (
    <DataTable
      caption={caption}
      hideCaption={hideCaption}
      columns={columns}
      rows={members}
      rowKey={(member) => member.userId}
      rowProps={(member) => ({ "data-member": member.userId, "data-role": member.role })}
      sortable
      filter={filter}
      exportName={exportName}
      emptyText={emptyText}
    />
  );
}
