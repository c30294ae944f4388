// Pieces the three curation tables share.
import type { RouterOutputs } from "@glow/api/client";
import { Badge, Button } from "@glow/ui";
import type { ReactNode } from "react";
import { formProblems } from "../../forms.ts";
import { trpc } from "../../trpc.ts";

export type CuratedCategory = RouterOutputs["admin"]["reset"]["categories"]["list"][number];
export type CuratedCreator = RouterOutputs["admin"]["reset"]["creators"]["list"]["items"][number];
export type CuratedVideo = RouterOutputs["admin"]["reset"]["videos"]["list"]["items"][number];

/** Every category, archived ones too, to name the categories of creators and videos. */
export function useAllCategories() {
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived: true });
  const all = categories.data ?? [];
  const names = new Map(all.map((category) => [category.id, category.name]));
  return { categories, all, active: all.filter((category) => category.archivedAt === null), nameOf: (id: string) => names.get(id) ?? "—" };
}

/** After any catalog change: the admin lists, and what people see, load afresh. */
export function useCatalogChanged(): () => void {
  const utils = trpc.useUtils();
  return () => {
    void utils.admin.reset.invalidate();
    void utils.reset.categories.list.invalidate();
  };
}

export function StatusBadge({ archivedAt }: { archivedAt: Date | null }) {
  return archivedAt ? <Badge tone="warning">Archived</Badge> : <Badge tone="success">Active</Badge>;
}

export function ArchiveButton({ name, archived, busy, onToggle }: { name: string; archived: boolean; busy: boolean; onToggle: () => void }) {
  return (
    <Button variant="secondary" className="px-3 py-1 text-xs" busy={busy} onClick={onToggle} aria-label={`${archived ? "Restore" : "Archive"} ${name}`}>
      {archived ? "Restore" : "Archive"}
    </Button>
  );
}

/** The message to show beside an inline edit of `field` on the row `id`, if the last save of that row failed. */
export function inlineError(mutation: { error: unknown; variables?: { id: string } | undefined }, id: string, field: string): string | null {
  if (!mutation.error || mutation.variables?.id !== id) return null;
  const problems = formProblems(mutation.error, [field]);
  return problems.fields[field] ?? problems.alert;
}

/** A create form's frame: a heading and a grid of fields. */
export function CreateFormFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </div>
  );
}
