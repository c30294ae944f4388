import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SaveDialogOptions, SaveDialogReturnValue } from "electron";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CSV_LIMITS } from "../shared/bridge.ts";
import { createCsvExport, CsvRefused, safeCsvName } from "./csv-export.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-csv-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function exporter(answer: (options: SaveDialogOptions) => SaveDialogReturnValue) {
  const showSaveDialog = vi.fn<(options: SaveDialogOptions) => Promise<SaveDialogReturnValue>>(async (options) => answer(options));
  return { showSaveDialog, csv: createCsvExport({ showSaveDialog, defaultDir: () => dir }) };
}

describe("CSV export", () => {
  it("asks where to save, suggesting the page's file name in Downloads, and writes the CSV there as UTF-8", async () => {
    const target = path.join(dir, "chosen.csv");
    const { csv, showSaveDialog } = exporter(() => ({ canceled: false, filePath: target }));
    const text = "Name,Email\r\nZoë,zoe@example.test\r\n";
    expect(await csv.save("glow-users-2026-01-01.csv", text)).toEqual({ saved: true, filePath: target });
    const [options] = showSaveDialog.mock.calls[0]!;
    expect(options.defaultPath).toBe(path.join(dir, "glow-users-2026-01-01.csv"));
    expect(options.filters).toEqual([{ name: "CSV", extensions: ["csv"] }]);
    // A byte-order mark so that Excel reads UTF-8.
    expect(await readFile(target, "utf8")).toBe(`\uFEFF${text}`);
  });

  it("writes nothing when the dialog is cancelled", async () => {
    const { csv } = exporter(() => ({ canceled: true, filePath: "" }));
    expect(await csv.save("users.csv", "a")).toEqual({ saved: false });
    await expect(stat(path.join(dir, "users.csv"))).rejects.toThrow();
  });

  it("refuses what is not text, or too much of it, before asking", async () => {
    const { csv, showSaveDialog } = exporter(() => ({ canceled: false, filePath: path.join(dir, "x.csv") }));
    await expect(csv.save("x.csv", { rows: [] })).rejects.toThrow(CsvRefused);
    await expect(csv.save("x.csv", "x".repeat(CSV_LIMITS.textBytes + 1))).rejects.toThrow(/too large/);
    expect(showSaveDialog).not.toHaveBeenCalled();
  });
});

describe("safeCsvName", () => {
  it.each([
    ["creators.csv", "creators.csv"],
    ["creators", "creators.csv"],
    ["../../etc/passwd", "passwd.csv"],
    ["C:\\Windows\\system32\\evil.CSV", "evil.csv"],
    ['re<po>rt:"2026"|?*.csv', "report2026.csv"],
    ["..", "glow-export.csv"],
    ["", "glow-export.csv"],
    [42, "glow-export.csv"],
    ["line\nbreak.csv", "linebreak.csv"],
  ])("%j → %s", (suggested, expected) => {
    expect(safeCsvName(suggested)).toBe(expected);
  });

  it("bounds the length", () => {
    expect(safeCsvName("x".repeat(500))).toHaveLength(CSV_LIMITS.nameLength + 4);
  });
});
