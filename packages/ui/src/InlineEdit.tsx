import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "./Button.tsx";
import { LinkButton } from "./LinkButton.tsx";

export interface InlineEditProps {
  value: string;
  /** Names the field, e.g. "Name of Cooking". */
  label: string;
  /** Saves the new value; editing ends when it resolves and stays open when it rejects. */
  onSave: (value: string) => Promise<unknown>;
  /** Why the last save was refused. */
  error?: string | null;
  busy?: boolean;
  /** The button that starts editing; defaults to "Edit". */
  editLabel?: string;
}

/** Text with an "Edit" button that turns it into a small form; Escape cancels. */
export function InlineEdit({ value, label, onSave, error, busy = false, editLabel = "Edit" }: InlineEditProps) {
  const [editing, setEditing] = useState(false);
  const inputId = useId();
  const view = useRef<HTMLSpanElement>(null);

  function stop() {
    setEditing(false);
    // Back to where the keyboard was before editing.
    requestAnimationFrame(() => view.current?.querySelector("button")?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("value") ?? "");
    if (next === value) return stop();
    try {
      await onSave(next);
      stop();
    } catch {
      // The caller shows the error; keep the form open to fix it.
    }
  }

  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      stop();
    }
  }

  if (!editing) {
    return (
      <span ref={view} className="inline-flex min-w-0 flex-wrap items-baseline gap-x-2">
        <span className="break-words">{value}</span>
        <LinkButton onClick={() => setEditing(true)} aria-label={`${editLabel}: ${label}`} className="text-xs">
          {editLabel}
        </LinkButton>
      </span>
    );
  }

  return (
    <form onSubmit={submit} onKeyDown={cancelOnEscape} className="flex min-w-0 flex-col gap-1">
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <input
        id={inputId}
        name="value"
        defaultValue={value}
        // oxlint-disable-next-line jsx-a11y/no-autofocus -- the person just asked to edit this field
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        className="w-full min-w-0 rounded-md bg-white px-2 py-1 text-base text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500 sm:text-sm"
      />
      {error && (
        <p id={`${inputId}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      <span className="flex gap-2">
        <Button type="submit" className="px-2 py-1 text-xs" busy={busy}>
          Save
        </Button>
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={stop}>
          Cancel
        </Button>
      </span>
    </form>
  );
}
