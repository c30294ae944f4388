// The shared table (DataTable on TanStack Table): what the desktop's hand-written grid was
// tested for — sort order, the quick filter, selection and the CSV of what is shown — plus
// hiding columns.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import Papa from "papaparse";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DataTable, type DataColumn, type TableSort } from "../DataTable.tsx";
import { TableExportProvider, type ExportableTable, type TableExporter } from "./export.tsx";
import { toCsv } from "./model.ts";

afterEach(cleanup);

interface Creator {
  handle: string;
  videos: number | null;
  joined: Date;
  toxic: boolean;
}

const creators: Creator[] = [
  { handle: "zest.ida", videos: 5, joined: new Date("2026-03-01T00:00:00Z"), toxic: false },
  { handle: "Árbol.kit", videos: null, joined: new Date("2026-01-01T00:00:00Z"), toxic: true },
  { handle: "chord.pip", videos: 12, joined: new Date("2026-02-01T00:00:00Z"), toxic: false },
  { handle: "chord2.pip", videos: 5, joined: new Date("2026-02-01T00:00:00Z"), toxic: false },
];
const columns: Array<DataColumn<Creator>> = [
  { id: "handle", header: "Handle", rowHeader: true, value: (c) => c.handle },
  { id: "videos", header: "Videos", numeric: true, value: (c) => c.videos },
  { id: "joined", header: "Joined", value: (c) => c.joined, render: (c) => c.joined.toISOString().slice(0, 10) },
  { id: "toxic", header: "Toxic", value: (c) => c.toxic },
  { id: "actions", header: "Actions", exported: false, render: (c) => <button type="button">Archive {c.handle}</button> },
];

/** Collects what the table exports instead of saving a file. */
function recordingExporter() {
  const exports: Array<{ name: string; csv: string }> = [];
  const exporter: TableExporter = {
    register: () => () => {},
    exportTable: async (table: ExportableTable) => void exports.push({ name: table.name, csv: toCsv(table.records(), table.headers()) }),
  };
  return { exports, exporter };
}

function renderTable(options: { initialSort?: TableSort; selectable?: boolean; rows?: Creator[] } = {}) {
  const { exports, exporter } = recordingExporter();
  function Harness() {
    const [selected, setSelected] = useState<Set<string>>(new Set());
    return (
      <TableExportProvider value={exporter}>
        <DataTable
          caption="Creators"
          columns={columns}
          rows={options.rows ?? creators}
          rowKey={(c) => c.handle}
          sortable
          filter
          columnPicker
          exportName="creators"
          emptyText="No creators yet"
          {...(options.initialSort ? { initialSort: options.initialSort } : {})}
          {...(options.selectable ? { selection: { selected, onChange: setSelected }, rowLabel: (c: Creator) => `@${c.handle}` } : {})}
        />
      </TableExportProvider>
    );
  }
  render(<Harness />);
  const table = () => screen.getByRole("table", { name: "Creators" });
  return {
    exports,
    handles: () =>
      within(table())
        .getAllByRole("rowheader")
        .map((cell) => cell.textContent),
    header: (name: string) => within(table()).getByRole("columnheader", { name: new RegExp(`^${name}`) }),
    sortBy: (name: string) =>
      fireEvent.click(within(within(table()).getByRole("columnheader", { name: new RegExp(`^${name}`) })).getByRole("button")),
    filter: (text: string) => fireEvent.change(screen.getByLabelText("Filter creators"), { target: { value: text } }),
    exportCsv: async () => {
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export CSV" })));
      return exports.at(-1)!;
    },
  };
}

describe("sorting", () => {
  it("sorts text naturally and without regard to case or accents, numbers and dates by value", () => {
    const table = renderTable({ initialSort: { column: "handle", direction: "ascending" } });
    expect(table.handles()).toEqual(["Árbol.kit", "chord.pip", "chord2.pip", "zest.ida"]);
    table.sortBy("Joined");
    table.sortBy("Joined");
    expect(table.header("Joined").getAttribute("aria-sort")).toBe("descending");
    expect(table.handles()).toEqual(["zest.ida", "chord.pip", "chord2.pip", "Árbol.kit"]);
  });

  it("keeps equal rows in their order and puts empty values last in both directions", () => {
    const table = renderTable();
    table.sortBy("Videos");
    expect(table.header("Videos").getAttribute("aria-sort")).toBe("ascending");
    expect(table.handles()).toEqual(["zest.ida", "chord2.pip", "chord.pip", "Árbol.kit"]);
    table.sortBy("Videos");
    expect(table.handles()).toEqual(["chord.pip", "zest.ida", "chord2.pip", "Árbol.kit"]);
  });

  it("leaves the order alone until a header is chosen, cycles ascending and descending, and has no sort button on a column without values", () => {
    const table = renderTable();
    expect(table.handles()).toEqual(creators.map((c) => c.handle));
    expect(table.header("Videos").getAttribute("aria-sort")).toBe("none");
    table.sortBy("Toxic");
    table.sortBy("Toxic");
    table.sortBy("Toxic");
    expect(table.header("Toxic").getAttribute("aria-sort")).toBe("ascending");
    expect(table.handles().at(-1)).toBe("Árbol.kit");
    expect(within(table.header("Actions")).queryByRole("button")).toBeNull();
    expect(table.header("Actions").getAttribute("aria-sort")).toBeNull();
  });
});

describe("filtering", () => {
  it("keeps rows where every word appears in some column, ignoring case and accents", () => {
    const table = renderTable();
    table.filter("PIP");
    expect(table.handles()).toEqual(["chord.pip", "chord2.pip"]);
    expect(screen.getByText("2 of 4 rows match")).toBeTruthy();
    table.filter("arbol yes");
    expect(table.handles()).toEqual(["Árbol.kit"]);
    table.filter("pip 12");
    expect(table.handles()).toEqual(["chord.pip"]);
    table.filter("  ");
    expect(table.handles()).toHaveLength(4);
    table.filter("nobody");
    expect(screen.getByText("No rows match the filter")).toBeTruthy();
  });

  it("filters by a field of the screen's own when given its text", () => {
    render(<DataTable caption="Creators" columns={columns} rows={creators} rowKey={(c) => c.handle} filter="zest" />);
    expect(screen.getAllByRole("rowheader").map((cell) => cell.textContent)).toEqual(["zest.ida"]);
    expect(screen.queryByLabelText("Filter creators")).toBeNull();
  });
});

describe("selection", () => {
  it("selects rows one by one, and all shown rows at once without touching hidden ones", () => {
    renderTable({ selectable: true });
    fireEvent.click(screen.getByRole("checkbox", { name: "Select @zest.ida" }));
    expect(screen.getByText("4 rows · 1 selected")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Filter creators"), { target: { value: "pip" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all 2 shown" }));
    expect(screen.getByText("2 of 4 rows match · 3 selected")).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all 2 shown" }));
    expect(screen.getByText("2 of 4 rows match · 1 selected")).toBeTruthy();
  });
});

describe("CSV export", () => {
  it("has a column per exported header and a row per shown row, in the shown order, and reads back as it was", async () => {
    const table = renderTable({ initialSort: { column: "handle", direction: "descending" } });
    table.filter("chord");
    const saved = await table.exportCsv();
    expect(saved.name).toBe("creators");
    const lines = saved.csv.split("\r\n");
    expect(lines[0]).toBe("Handle,Videos,Joined,Toxic");
    expect(Papa.parse(saved.csv, { header: true }).data).toEqual([
      { Handle: "chord2.pip", Videos: "5", Joined: "2026-02-01T00:00:00.000Z", Toxic: "no" },
      { Handle: "chord.pip", Videos: "12", Joined: "2026-02-01T00:00:00.000Z", Toxic: "no" },
    ]);
  });

  it("leaves hidden columns out of the table and the file", async () => {
    const table = renderTable();
    expect(screen.queryByRole("checkbox", { name: "Videos" })).toBeNull();
    const picker = screen.getByText("Columns").closest("details")!;
    picker.open = true;
    fireEvent(picker, new Event("toggle"));
    fireEvent.click(screen.getByRole("checkbox", { name: "Videos" }));
    expect(within(screen.getByRole("table", { name: "Creators" })).queryByRole("columnheader", { name: /^Videos/ })).toBeNull();
    expect((await table.exportCsv()).csv.split("\r\n")[0]).toBe("Handle,Joined,Toxic");
    // The row header names the row: it cannot be hidden.
    expect(screen.queryByRole("checkbox", { name: "Handle" })).toBeNull();
  });

  it("quotes commas, quotes and line breaks, and keeps formulas from running in a spreadsheet", () => {
    const csv = toCsv([{ Name: 'Say "hi", then\nleave', Formula: '=HYPERLINK("http://evil")', Minus: "-1+2", At: "@SUM(A1)" }]);
    const [parsed] = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(parsed).toEqual({ Name: 'Say "hi", then\nleave', Formula: '\'=HYPERLINK("http://evil")', Minus: "'-1+2", At: "'@SUM(A1)" });
  });

  it("writes the header row even for an empty table", async () => {
    expect(toCsv([], ["Handle", "Videos"])).toBe("Handle,Videos\r\n");
    const table = renderTable({ rows: [] });
    expect(screen.getByText("No creators yet")).toBeTruthy();
    expect((await table.exportCsv()).csv).toBe("Handle,Videos,Joined,Toxic\r\n");
  });
});
