// CSV import with a preview: the file is read here (papaparse), the server checks every
// row against its schema, the catalog and the rest of the file ("preview"), and only then
// are the valid rows imported ("commit"). Each row's problems are listed by field.
import type { RouterOutputs } from "@glow/api/client";
import { useDescribeError, useTRPC } from "@glow/react";
import { Badge, Button, Card, type DataColumn, DataTable, FormError, Notice, Spinner } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent } from "react";
import { IMPORT_FIELDS, parseImportCsv, REQUIRED_FIELDS, type ImportKind } from "./csv-import.ts";

type ImportReport = RouterOutputs["admin"]["reset"]["creators"]["import"];
type ReportRow = ImportReport["rows"][number] & { cells: Record<string, string> };

const TITLES: Record<ImportKind, string> = { creators: "Import creators from CSV", videos: "Import videos from CSV" };

function errorText(errors: Record<string, string[]>): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(" · ");
}

export function ImportPanel({ kind }: { kind: ImportKind }) {
  const trpc = useTRPC();
  const inputId = useId();
  const describeError = useDescribeError();
  const queryClient = useQueryClient();
  // Both hooks always run (the rules of hooks); `kind` picks which one this panel uses.
  const creatorsImport = useMutation(trpc.admin.reset.creators.import.mutationOptions());
  const videosImport = useMutation(trpc.admin.reset.videos.import.mutationOptions());
  const importer = kind === "creators" ? creatorsImport : videosImport;
  const [fileName, setFileName] = useState<string | null>(null);
  const [rows, setRows] = useState<Array<Record<string, string>>>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [inputKey, setInputKey] = useState(0);

  function reset(): void {
    setFileName(null);
    setRows([]);
    setProblem(null);
    setReport(null);
    importer.reset();
    setInputKey((key) => key + 1);
  }

  async function run(mode: "preview" | "commit", data: Array<Record<string, string>>): Promise<void> {
    try {
      const result = await importer.mutateAsync({ mode, rows: data });
      setReport(result);
      if (mode === "commit") await queryClient.invalidateQueries(trpc.admin.reset.pathFilter());
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  async function chooseFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    setReport(null);
    setProblem(null);
    if (!file) return;
    setFileName(file.name);
    const parsed = parseImportCsv(await file.text(), kind);
    if (!parsed.ok) {
      setRows([]);
      setProblem(parsed.error);
      return;
    }
    setRows(parsed.rows);
    await run("preview", parsed.rows);
  }

  const fields = IMPORT_FIELDS[kind];
  const reportRows: ReportRow[] = (report?.rows ?? []).map((row) => ({ ...row, cells: rows[row.row - 1] ?? {} }));
  const columns: Array<DataColumn<ReportRow>> = [
    { id: "row", header: "Row", numeric: true, rowHeader: true, value: (r) => r.row },
    {
      id: "status",
      header: "Status",
      value: (r) => (r.ok ? (report?.mode === "commit" ? "imported" : "valid") : "error"),
      render: (r) =>
        r.ok ? <Badge tone="success">{report?.mode === "commit" ? "Imported" : "Valid"}</Badge> : <Badge tone="danger">Error</Badge>,
    },
    ...fields.slice(0, 3).map((field): DataColumn<ReportRow> => ({
      id: field,
      header: field,
      value: (r) => r.cells[field] ?? "",
      className: "max-w-56 truncate",
    })),
    {
      id: "errors",
      header: "Errors",
      value: (r) => errorText(r.errors),
      render: (r) =>
        r.ok ? null : (
          <ul className="flex flex-col gap-0.5 text-red-800">
            {Object.entries(r.errors).map(([field, messages]) => (
              <li key={field}>
                <span className="font-medium">{field}</span>: {messages.join("; ")}
              </li>
            ))}
          </ul>
        ),
    },
  ];

  return (
    <Card
      title={TITLES[kind]}
      description={`A header row with ${fields.join(", ")} (${REQUIRED_FIELDS[kind].join(", ")} required). Nothing is imported until you have seen the preview.`}
    >
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
              CSV file of {kind}
            </label>
            <input
              key={inputKey}
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => void chooseFile(event)}
              className="text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-glow-600 file:px-3 file:py-2 file:font-medium file:text-white hover:file:bg-glow-700"
            />
          </div>
          {fileName && (
            <Button variant="secondary" onClick={reset}>
              Clear
            </Button>
          )}
        </div>
        {importer.isPending && <Spinner label={report ? "Importing" : "Checking the rows"} />}
        <FormError message={problem} />
        {report && (
          <>
            {report.mode === "preview" ? (
              <Notice tone={report.rejected > 0 ? "warning" : "info"}>
                <span data-testid="import-summary">
                  {fileName}: {report.rows.length} {report.rows.length === 1 ? "row" : "rows"}, {report.accepted} valid, {report.rejected}{" "}
                  with errors.
                  {report.rejected > 0 ? " Rows with errors are skipped; fix them in the file and import it again to add them." : ""}
                </span>
              </Notice>
            ) : (
              <Notice tone="success">
                <span data-testid="import-summary">
                  Imported {report.accepted} {kind}
                  {report.rejected > 0 ? `; ${report.rejected} ${report.rejected === 1 ? "row was" : "rows were"} skipped` : ""}.
                </span>
              </Notice>
            )}
            {report.mode === "preview" && (
              <div>
                <Button disabled={report.accepted === 0} busy={importer.isPending} onClick={() => void run("commit", rows)}>
                  Import {report.accepted} valid {report.accepted === 1 ? "row" : "rows"}
                </Button>
              </div>
            )}
            <DataTable
              caption={`${kind} import report`}
              sortable
              filter
              scroll
              columnPicker
              exportName={`${kind}-import-report`}
              columns={columns}
              rows={reportRows}
              rowKey={(r) => String(r.row)}
              rowProps={(r) => ({ "data-import-row": r.row, "data-ok": r.ok })}
              initialSort={{ column: "row", direction: "ascending" }}
              emptyText="No rows"
            />
          </>
        )}
      </div>
    </Card>
  );
}
