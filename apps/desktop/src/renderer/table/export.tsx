// "Export the current table": each table on screen registers how to turn what it shows into
// CSV; the newest one still on screen is the current one (the palette and the menu export it).
import { LinkButton, Notice } from "@glow/ui";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { GlowBridge } from "../../shared/bridge.ts";
import { toCsv } from "./table-model.ts";

export interface ExportableTable {
  /** Used for the file name, e.g. "creators". */
  name: string;
  headers(): string[];
  records(): Array<Record<string, string>>;
}

interface ExportMessage {
  tone: "success" | "warning";
  text: string;
}

interface ExportRegistry {
  register(table: ExportableTable): () => void;
  exportTable(table: ExportableTable): Promise<void>;
  exportCurrent(): Promise<void>;
}

const ExportContext = createContext<ExportRegistry | null>(null);
const MessageContext = createContext<{ message: ExportMessage | null; dismiss(): void }>({ message: null, dismiss() {} });

function fileName(name: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `glow-${name}-${day}.csv`;
}

export function ExportProvider({ files, children }: { files: GlowBridge["files"]; children: ReactNode }) {
  const tables = useRef<ExportableTable[]>([]);
  const [message, setMessage] = useState<ExportMessage | null>(null);

  const exportTable = useCallback(
    async (table: ExportableTable) => {
      const records = table.records();
      try {
        const result = await files.saveCsv(fileName(table.name), toCsv(records, table.headers()));
        if (result.saved) setMessage({ tone: "success", text: `Exported ${records.length} ${records.length === 1 ? "row" : "rows"} to ${result.filePath}` });
      } catch {
        setMessage({ tone: "warning", text: "Could not save the CSV file" });
      }
    },
    [files],
  );

  const registry = useMemo<ExportRegistry>(
    () => ({
      register(table) {
        tables.current.push(table);
        return () => {
          tables.current = tables.current.filter((entry) => entry !== table);
        };
      },
      exportTable,
      async exportCurrent() {
        const current = tables.current.at(-1);
        if (current) await exportTable(current);
        else setMessage({ tone: "warning", text: "There is no table on this screen to export" });
      },
    }),
    [exportTable],
  );
  const status = useMemo(() => ({ message, dismiss: () => setMessage(null) }), [message]);

  return (
    <ExportContext value={registry}>
      <MessageContext value={status}>{children}</MessageContext>
    </ExportContext>
  );
}

/** The outcome of the last export, where the layout puts it. */
export function ExportStatus() {
  const { message, dismiss } = useContext(MessageContext);
  if (!message) return null;
  return (
    <Notice tone={message.tone}>
      <span className="flex flex-wrap items-center justify-between gap-2">
        <span data-testid="export-message">{message.text}</span>
        <LinkButton className="text-xs" onClick={dismiss}>
          Dismiss
        </LinkButton>
      </span>
    </Notice>
  );
}

function useRegistry(): ExportRegistry {
  const registry = useContext(ExportContext);
  if (!registry) throw new Error("Tables need an ExportProvider");
  return registry;
}

/** Registers a table as exportable while it is on screen; returns a function that exports it. */
export function useExportable(name: string, headers: () => string[], records: () => Array<Record<string, string>>): () => Promise<void> {
  const registry = useRegistry();
  const latest = useRef({ headers, records });
  // Exports run from events, after this render's getters are in place.
  useEffect(() => {
    latest.current = { headers, records };
  });
  const table = useMemo<ExportableTable>(() => ({ name, headers: () => latest.current.headers(), records: () => latest.current.records() }), [name]);
  useEffect(() => registry.register(table), [registry, table]);
  return useCallback(() => registry.exportTable(table), [registry, table]);
}

export function useExportCurrentTable(): () => Promise<void> {
  const registry = useRegistry();
  return registry.exportCurrent;
}
