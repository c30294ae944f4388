// Saving a table the page exported as CSV: the user picks the place in the native save
// dialog; main writes the file. The page never names a path, only suggests a file name.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { SaveDialogOptions, SaveDialogReturnValue } from "electron";
import { CSV_LIMITS, type SaveCsvResult } from "../shared/bridge.ts";

export class CsvRefused extends Error {
  constructor(reason: string) {
    super(`Refused CSV export: ${reason}`);
  }
}

/** A plain file name ending in .csv: no folders, no characters Windows or macOS refuse. */
export function safeCsvName(suggested: unknown): string {
  const base = typeof suggested === "string" ? suggested.split(/[\\/]/).pop()! : "";
  const cleaned = [...base]
    .filter((char) => char.charCodeAt(0) >= 0x20 && !'<>:"|?*'.includes(char))
    .join("")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .replace(/\.csv$/i, "")
    .slice(0, CSV_LIMITS.nameLength);
  return `${cleaned || "glow-export"}.csv`;
}

export interface CsvExport {
  save(suggestedName: unknown, csv: unknown): Promise<SaveCsvResult>;
}

export function createCsvExport(deps: {
  /** dialog.showSaveDialog, bound to the app's window when there is one. */
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /** Where the dialog starts (the user's Downloads folder). */
  defaultDir(): string;
}): CsvExport {
  return {
    async save(suggestedName, csv) {
      if (typeof csv !== "string") throw new CsvRefused("the CSV must be text");
      if (Buffer.byteLength(csv) > CSV_LIMITS.textBytes) throw new CsvRefused("the CSV is too large");
      const choice = await deps.showSaveDialog({
        title: "Export as CSV",
        defaultPath: path.join(deps.defaultDir(), safeCsvName(suggestedName)),
        filters: [{ name: "CSV", extensions: ["csv"] }],
        properties: ["createDirectory", "showOverwriteConfirmation"],
      });
      if (choice.canceled || !choice.filePath) return { saved: false };
      // A byte-order mark, so that Excel reads the file as UTF-8.
      await writeFile(choice.filePath, `\uFEFF${csv}`, "utf8");
      return { saved: true, filePath: choice.filePath };
    },
  };
}
