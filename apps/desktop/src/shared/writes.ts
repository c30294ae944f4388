// Writes that may wait for the server: main queues them (with an Idempotency-Key made once)
// when it cannot be reached, and replays them in order. Only changes that still make sense
// later and say what they set (not "add one more") are on this list.

export const QUEUEABLE_PROCEDURES = [
  "admin.users.setRoles",
  "admin.reset.categories.update",
  "admin.reset.categories.archive",
  "admin.reset.categories.archiveMany",
  "admin.reset.creators.update",
  "admin.reset.creators.archive",
  "admin.reset.creators.archiveMany",
  "admin.reset.videos.update",
  "admin.reset.videos.archive",
  "admin.reset.videos.archiveMany",
] as const;

export type QueueableProcedure = (typeof QUEUEABLE_PROCEDURES)[number];

export function isQueueable(procedure: string): procedure is QueueableProcedure {
  return (QUEUEABLE_PROCEDURES as readonly string[]).includes(procedure);
}

const NOUNS: Record<string, [string, string]> = {
  categories: ["category", "categories"],
  creators: ["creator", "creators"],
  videos: ["video", "videos"],
};

function quoted(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

/** A line for the queue's list: what the write does, from its procedure and input. */
export function describeWrite(procedure: string, input: unknown): string {
  const fields = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  if (procedure === "admin.users.setRoles") {
    const roles = Array.isArray(fields.roles) ? fields.roles.map(String) : [];
    return `Set a user's roles to ${roles.length > 0 ? roles.join(", ") : "none"}`;
  }
  const [, , collection = "", action = ""] = procedure.split(".");
  const [one, many] = NOUNS[collection] ?? ["record", "records"];
  const restore = fields.archived === false;
  if (action === "archive") return `${restore ? "Restore" : "Archive"} a ${one}`;
  if (action === "archiveMany") {
    const count = Array.isArray(fields.ids) ? fields.ids.length : 0;
    return `${restore ? "Restore" : "Archive"} ${count} ${count === 1 ? one : many}`;
  }
  if (action === "update") {
    const changes = Object.entries(fields)
      .filter(([name]) => name !== "id")
      .map(([name, value]) => `${name} → ${quoted(value)}`);
    return `Edit a ${one}${changes.length > 0 ? `: ${changes.join(", ")}` : ""}`;
  }
  return procedure;
}
