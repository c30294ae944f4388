import { Button, Card, ErrorMessage } from "@glow/ui";
import { useState, type FormEvent } from "react";
import type { ServerUrlUpdate } from "../shared/bridge.ts";

export function ServerUrlForm({
  serverUrl,
  note,
  onSave,
}: {
  serverUrl: string;
  /** One line under the field, e.g. that changing the server signs you out. */
  note?: string;
  onSave(url: string): Promise<ServerUrlUpdate>;
}) {
  const [draft, setDraft] = useState(serverUrl);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const result = await onSave(draft.trim());
      if (!result.ok) setError(result.error);
    } catch {
      setError("Could not save the setting");
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="Connection">
      <form onSubmit={(event) => void save(event)} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <label className="flex flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
          Server URL
          <input
            type="url"
            required
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            className="rounded-lg bg-white px-3 py-2 font-normal text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500"
          />
        </label>
        <Button type="submit" busy={saving}>
          Save
        </Button>
      </form>
      {note && <p className="mt-2 text-xs text-slate-500">{note}</p>}
      {error && (
        <div className="mt-3">
          <ErrorMessage message={error} />
        </div>
      )}
    </Card>
  );
}
