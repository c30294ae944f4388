import type { ReactNode } from "react";
import { DataTable, type DataColumn } from "../DataTable.tsx";
import { formatCount, formatPercent } from "../format.ts";
import { LinkButton } from "../LinkButton.tsx";

/** One business under a parent, with its coaching figures (aggregates only, never its clients' rows). */
export interface OrgChildRow {
  id: string;
  name: string;
  /** 1 for a direct child, 2 for a child's child, … */
  depth: number;
  /** People in it, any role; a column of its own when the rows give it. */
  members?: number;
  clients?: number;
  activePrograms?: number;
  assessmentsThisWeek?: number;
  /** Share of planned sessions logged, 0..1; null when nothing was planned yet. */
  adherence?: number | null;
}

export interface OrgChildrenTableProps {
  organizations: readonly OrgChildRow[];
  caption?: string;
  hideCaption?: boolean;
  /** Show the coaching figures' columns (default true); false lists only the names. */
  figures?: boolean;
  /** Makes each name a button that opens that organization. */
  onOpen?: (child: OrgChildRow) => void;
  /** What the name cell shows instead, e.g. a router link. */
  renderName?: (child: OrgChildRow) => ReactNode;
  exportName?: string;
  emptyText?: string;
}

const count = (value: number | undefined) => (value === undefined ? "—" : formatCount(value));

/** The organizations under a parent in tree order, each indented by its depth. */
export function OrgChildrenTable({
  organizations,
  caption = "Child organizations",
  hideCaption,
  figures = true,
  onOpen,
  renderName,
  exportName,
  emptyText = "No child organizations",
}: OrgChildrenTableProps) {
  const columns: Array<DataColumn<OrgChildRow>> = [
    {
      header: "Name",
      rowHeader: true,
      value: (child) => child.name,
      render: (child) => (
        // Indentation shows the tree; the depth is also said for screen readers.
        <span className="inline-flex items-center gap-1" style={{ paddingLeft: `${Math.max(0, child.depth - 1) * 1.25}rem` }}>
          {child.depth > 1 && (
            <span aria-hidden="true" className="text-slate-400">
              └
            </span>
          )}
          {renderName ? renderName(child) : onOpen ? <LinkButton onClick={() => onOpen(child)}>{child.name}</LinkButton> : child.name}
          {child.depth > 1 && <span className="sr-only"> (level {child.depth})</span>}
        </span>
      ),
    },
  ];
  if (organizations.some((child) => child.members !== undefined)) {
    columns.push({ header: "Members", numeric: true, value: (child) => child.members, render: (child) => count(child.members) });
  }
  if (figures) {
    columns.push(
      { header: "Clients", numeric: true, value: (child) => child.clients, render: (child) => count(child.clients) },
      { header: "Active programs", numeric: true, value: (child) => child.activePrograms, render: (child) => count(child.activePrograms) },
      {
        header: "Assessments this week",
        numeric: true,
        value: (child) => child.assessmentsThisWeek,
        render: (child) => count(child.assessmentsThisWeek),
      },
      {
        header: "Adherence",
        numeric: true,
        value: (child) => child.adherence ?? undefined,
        render: (child) => (child.adherence == null ? "—" : formatPercent(child.adherence)),
      },
    );
  }

  return (
    <DataTable
      caption={caption}
      hideCaption={hideCaption}
      columns={columns}
      rows={organizations}
      rowKey={(child) => child.id}
      rowProps={(child) => ({ "data-org": child.id, "data-depth": child.depth })}
      exportName={exportName}
      emptyText={emptyText}
    />
  );
}
