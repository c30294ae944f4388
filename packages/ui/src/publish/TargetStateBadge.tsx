import { Badge } from "../Badge.tsx";

/** A post's or a target's state, as the publish module names them. */
export type PublishState = "draft" | "scheduled" | "publishing" | "published" | "partial" | "failed" | "cancelled";

const LOOK: Record<PublishState, { label: string; tone: "neutral" | "success" | "warning" | "danger" | "glow" }> = {
  draft: { label: "Draft", tone: "neutral" },
  scheduled: { label: "Scheduled", tone: "glow" },
  publishing: { label: "Publishing", tone: "warning" },
  published: { label: "Published", tone: "success" },
  partial: { label: "Partly published", tone: "warning" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export function publishStateLabel(state: PublishState): string {
  return LOOK[state].label;
}

/** "Scheduled", "Published", "Failed"… in the state's colour; `data-state` carries the raw state for tests and styles. */
export function TargetStateBadge({ state }: { state: PublishState }) {
  return (
    <span data-state={state} className="inline-flex">
      <Badge tone={LOOK[state].tone}>{LOOK[state].label}</Badge>
    </span>
  );
}
