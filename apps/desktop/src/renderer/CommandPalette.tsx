// Ctrl/Cmd+K: jump to any screen or run an action by typing a few letters (cmdk filters and
// ranks; arrows move, Enter runs, Escape closes). A native <dialog> holds it, so focus stays
// inside and returns to where it was; cmdk's own Dialog would inject styles the CSP forbids.
import { cn } from "@glow/ui";
import { Command } from "cmdk";
import { useEffect, useRef } from "react";
import { paletteFilter } from "./palette-filter.ts";

export interface PaletteEntry {
  id: string;
  group: "Go to" | "Actions";
  label: string;
  hint?: string;
  shortcut?: string;
  run(): void;
}

export function CommandPalette({ open, entries, onClose }: { open: boolean; entries: readonly PaletteEntry[]; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // showModal focuses the first focusable element (cmdk's root); typing belongs in the search box.
      element.querySelector("input")?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  function choose(entry: PaletteEntry): void {
    onClose();
    entry.run();
  }

  const groups = (["Go to", "Actions"] as const).map((group) => ({ group, entries: entries.filter((entry) => entry.group === group) }));

  return (
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- a click on the backdrop closes, as Escape does
    <dialog
      ref={dialog}
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className="mx-auto mt-[12vh] w-full max-w-xl overflow-hidden rounded-2xl bg-white p-0 text-slate-800 shadow-2xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      {open && (
        <Command label="Command palette" loop filter={paletteFilter} className="flex flex-col">
          <Command.Input
            placeholder="Jump to a screen or run an action…"
            className="w-full border-b border-slate-200 px-4 py-3 text-base text-slate-900 outline-none placeholder:text-slate-400"
          />
          <Command.List className="max-h-[55vh] overflow-y-auto p-2">
            <Command.Empty className="px-3 py-6 text-center text-sm text-slate-500">Nothing matches.</Command.Empty>
            {groups.map(({ group, entries: inGroup }) =>
              inGroup.length === 0 ? null : (
                <Command.Group
                  key={group}
                  heading={group}
                  className="[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-500"
                >
                  {inGroup.map((entry) => (
                    <Command.Item
                      key={entry.id}
                      value={`${entry.group} ${entry.label}`}
                      keywords={entry.hint ? [entry.hint] : []}
                      onSelect={() => choose(entry)}
                      className={cn(
                        "flex cursor-pointer items-center justify-between gap-3 rounded-lg px-3 py-2 text-sm",
                        "data-[selected=true]:bg-glow-100 data-[selected=true]:text-glow-800",
                      )}
                    >
                      <span className="flex min-w-0 flex-col">
                        <span className="font-medium">{entry.label}</span>
                        {entry.hint && <span className="truncate text-xs text-slate-500">{entry.hint}</span>}
                      </span>
                      {entry.shortcut && (
                        <kbd className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs text-slate-600">{entry.shortcut}</kbd>
                      )}
                    </Command.Item>
                  ))}
                </Command.Group>
              ),
            )}
          </Command.List>
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">↑↓ to move · Enter to run · Esc to close</p>
        </Command>
      )}
    </dialog>
  );
}
