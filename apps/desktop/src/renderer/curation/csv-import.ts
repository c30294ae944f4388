// Reading a spreadsheet's CSV export for admin.reset.{creators,videos}.import: one object
// per data row, keyed by the field names the server expects. Headers are matched loosely
// ("Display name", "display_name" and "displayName" all mean displayName).
import Papa from "papaparse";

export type ImportKind = "creators" | "videos";

export const IMPORT_FIELDS: Record<ImportKind, readonly string[]> = {
  creators: ["handle", "displayName", "category", "isToxic", "toxicityReason"],
  videos: ["url", "title", "creatorHandle", "durationSeconds", "thumbnailUrl"],
};

/** The columns a file must have; the others may be left out. */
export const REQUIRED_FIELDS: Record<ImportKind, readonly string[]> = {
  creators: ["handle", "displayName", "category"],
  videos: ["url", "title", "creatorHandle", "durationSeconds"],
};

/** The server takes at most this many rows at once. */
export const MAX_IMPORT_ROWS = 1000;

export type ParsedCsv = { ok: true; rows: Array<Record<string, string>>; ignoredColumns: string[] } | { ok: false; error: string };

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

export function parseImportCsv(text: string, kind: ImportKind): ParsedCsv {
  const fields = IMPORT_FIELDS[kind];
  const byName = new Map(fields.map((field) => [squash(field), field]));
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => byName.get(squash(header)) ?? header.trim(),
  });
  const headers = parsed.meta.fields ?? [];
  const missing = REQUIRED_FIELDS[kind].filter((field) => !headers.includes(field));
  if (missing.length > 0) return { ok: false, error: `The file needs a header row with these columns: ${missing.join(", ")}` };
  // A row with too few or too many cells is still sent: the server's report says what is wrong with it.
  const fatal = parsed.errors.find((error) => error.type === "Quotes");
  if (fatal) return { ok: false, error: `Row ${(fatal.row ?? 0) + 1}: ${fatal.message}` };
  if (parsed.data.length === 0) return { ok: false, error: "The file has no data rows" };
  if (parsed.data.length > MAX_IMPORT_ROWS)
    return { ok: false, error: `The file has ${parsed.data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time` };
  const rows = parsed.data.map((row) =>
    Object.fromEntries(fields.filter((field) => row[field] !== undefined).map((field) => [field, row[field]!])),
  );
  return { ok: true, rows, ignoredColumns: headers.filter((header) => !fields.includes(header)) };
}
