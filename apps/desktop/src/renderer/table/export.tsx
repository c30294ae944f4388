// Where the desktop's tables export to: a native save dialog through the bridge. Each table on
// screen registers with @glow/ui's exporter; the newest one still on screen is the current
// one (the palette and the menu export it).
import { csvFileName, LinkButton, Notice, TableExportProvider, toCsv, type ExportableTable, type TableExporter } from "@glow/ui";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { GlowBridge } from "../../shared/bridge.ts";

interface ExportMessage {
  tone: "success" | "warning";
  text: string;
}

const CurrentTableContext = createContext<(() => Promise<void>) | null>(null);
const MessageContext = createContext<{ message: ExportMessage | null; dismiss(): void }>({ message: null, dismiss() {} });

export function ExportProvider({ files, children }: { files: GlowBridge["files"]; children: ReactNode }) {
  const tables = useRef<ExportableTable[]>([]);
  const [message, setMessage] = useState<ExportMessage | null>(null);

  const exportTable = useCallback(
    async (table: ExportableTable) => {
      const records = table.records();
      try {
        const result = await files.saveCsv(csvFileName(table.name), toCsv(records, table.headers()));
        if (result.saved)
          setMessage({
            tone: "success",
            text: `Exported ${records.length} ${records.length === 1 ? "row" : "rows"} to ${result.filePath}`,
          });
      } catch {
        setMessage({ tone: "warning", text: "Could not save the CSV file" });
      }
    },
    [files],
  );

  const exporter = useMemo<TableExporter>(
    () => ({
      register(table) {
        tables.current.push(table);
        return () => {
          tables.current = tables.current.filter((entry) => entry !== table);
        };
      },
      exportTable,
    }),
    [exportTable],
  );
  const exportCurrent = useCallback(async () => {
    const current = tables.current.at(-1);
    if (current) await exportTable(current);
    else setMessage({ tone: "warning", text: "There is no table on this screen to export" });
  }, [exportTable]);
  const status = useMemo(() => ({ message, dismiss: () => setMessage(null) }), [message]);

  return (
    <TableExportProvider value={exporter}>
      <CurrentTableContext value={exportCurrent}>
        <MessageContext value={status}>{children}</MessageContext>
      </CurrentTableContext>
    </TableExportProvider>
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

export function useExportCurrentTable(): () => Promise<void> {
  const exportCurrent = useContext(CurrentTableContext);
  if (!exportCurrent) throw new Error("Tables need an ExportProvider");
  return exportCurrent;
}
