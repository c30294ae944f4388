import { Badge } from "../Badge.tsx";

/** A member's role in an organization, highest rank first (the server's owner > staff > client). */
export const ORG_ROLE_NAMES = ["owner", "staff", "client"] as const;
export type OrgRoleName = (typeof ORG_ROLE_NAMES)[number];

export const ORG_ROLE_LABELS: Record<OrgRoleName, string> = { owner: "Owner", staff: "Staff", client: "Client" };

const tones = { owner: "glow", staff: "success", client: "neutral" } as const;

/** "Owner", "Staff" or "Client" as a badge. */
export function OrgRoleBadge({ role }: { role: OrgRoleName }) {
  return <Badge tone={tones[role]}>{ORG_ROLE_LABELS[role]}</Badge>;
}
