// Exporting a table as CSV: a table on screen registers how to turn what it shows into rows
// (useCsvExport); an app may provide where the file goes (the desktop saves it through its
// bridge and can export "the current table" from its menu). Without one, the browser downloads it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import { toCsv } from "./model.ts";

export interface ExportableTable {
  /** Used for the file name, e.g. "creators". */
  name: string;
  headers(): string[];
  records(): Array<Record<string, string>>;
}

export interface TableExporter {
  /** Called while a table is on screen; returns the function that forgets it. */
  register(table: ExportableTable): () => void;
  exportTable(table: ExportableTable): Promise<void>;
}

const TableExportContext = createContext<TableExporter | null>(null);

/** Where the app's tables export to. */
export const TableExportProvider = TableExportContext;

/** "glow-creators-2026-11-22.csv" */
export function csvFileName(name: string, now = new Date()): string {
  return `glow-${name}-${now.toISOString().slice(0, 10)}.csv`;
}

/** The browser's own download, for apps that provide no exporter. */
const browserDownload: TableExporter = {
  register: () => () => {},
  async exportTable(table) {
    const url = URL.createObjectURL(new Blob([toCsv(table.records(), table.headers())], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = csvFileName(table.name);
    link.click();
    // Revoked on the next turn: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  },
};

/** Registers a table as exportable while it is on screen; returns a function that exports it. */
export function useCsvExport(name: string, headers: () => string[], records: () => Array<Record<string, string>>): () => Promise<void> {
  const exporter = useContext(TableExportContext) ?? browserDownload;
  const latest = useRef({ headers, records });
  // Exports run from events, after this render's getters are in place.
  useEffect(() => {
    latest.current = { headers, records };
  });
  const table = useMemo<ExportableTable>(
    () => ({ name, headers: () => latest.current.headers(), records: () => latest.current.records() }),
    [name],
  );
  useEffect(() => exporter.register(table), [exporter, table]);
  return useCallback(() => exporter.exportTable(table), [exporter, table]);
}
