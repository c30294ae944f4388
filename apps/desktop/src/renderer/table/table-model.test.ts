import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { compareValues, csvRecords, filterRows, nextSort, sortRows, toCsv, type ColumnModel } from "./table-model.ts";

interface Creator {
  handle: string;
  videos: number | null;
  joined: Date;
  toxic: boolean;
}

const rows: Creator[] = [
  { handle: "zest.ida", videos: 5, joined: new Date("2026-03-01T00:00:00Z"), toxic: false },
  { handle: "Árbol.kit", videos: null, joined: new Date("2026-01-01T00:00:00Z"), toxic: true },
  { handle: "chord.pip", videos: 12, joined: new Date("2026-02-01T00:00:00Z"), toxic: false },
  { handle: "chord2.pip", videos: 5, joined: new Date("2026-02-01T00:00:00Z"), toxic: false },
];
const columns: Array<ColumnModel<Creator>> = [
  { id: "handle", header: "Handle", value: (c) => c.handle },
  { id: "videos", header: "Videos", value: (c) => c.videos },
  { id: "joined", header: "Joined", value: (c) => c.joined },
  { id: "toxic", header: "Toxic", value: (c) => c.toxic },
  { id: "actions", header: "Actions", value: () => null, exported: false },
];
const handles = (list: Creator[]) => list.map((c) => c.handle);

describe("sorting", () => {
  it("sorts text naturally and without regard to case or accents, numbers and dates by value", () => {
    expect(handles(sortRows(rows, columns, { column: "handle", direction: "ascending" }))).toEqual(["Árbol.kit", "chord.pip", "chord2.pip", "zest.ida"]);
    expect(handles(sortRows(rows, columns, { column: "joined", direction: "descending" }))).toEqual(["zest.ida", "chord.pip", "chord2.pip", "Árbol.kit"]);
  });

  it("keeps equal rows in their order and puts empty values last in both directions", () => {
    expect(handles(sortRows(rows, columns, { column: "videos", direction: "ascending" }))).toEqual(["zest.ida", "chord2.pip", "chord.pip", "Árbol.kit"]);
    expect(handles(sortRows(rows, columns, { column: "videos", direction: "descending" }))).toEqual(["chord.pip", "zest.ida", "chord2.pip", "Árbol.kit"]);
  });

  it("leaves the order alone with no sort or an unknown column", () => {
    expect(handles(sortRows(rows, columns, null))).toEqual(handles(rows));
    expect(handles(sortRows(rows, columns, { column: "nope", direction: "ascending" }))).toEqual(handles(rows));
  });

  it("cycles a header between ascending and descending", () => {
    expect(nextSort(null, "videos")).toEqual({ column: "videos", direction: "ascending" });
    expect(nextSort({ column: "videos", direction: "ascending" }, "videos")).toEqual({ column: "videos", direction: "descending" });
    expect(nextSort({ column: "videos", direction: "descending" }, "videos")).toEqual({ column: "videos", direction: "ascending" });
    expect(nextSort({ column: "videos", direction: "descending" }, "handle")).toEqual({ column: "handle", direction: "ascending" });
    expect(compareValues(true, false)).toBeGreaterThan(0);
  });
});

describe("filtering", () => {
  it("keeps rows where every word appears in some column, ignoring case and accents", () => {
    expect(handles(filterRows(rows, columns, "PIP"))).toEqual(["chord.pip", "chord2.pip"]);
    expect(handles(filterRows(rows, columns, "arbol yes"))).toEqual(["Árbol.kit"]);
    expect(handles(filterRows(rows, columns, "pip 12"))).toEqual(["chord.pip"]);
    expect(handles(filterRows(rows, columns, "  "))).toEqual(handles(rows));
    expect(filterRows(rows, columns, "nobody")).toEqual([]);
  });
});

describe("CSV", () => {
  it("has a column per exported header and a row per shown row, and reads back as it was", () => {
    const records = csvRecords(rows.slice(0, 2), columns);
    expect(records[0]).toEqual({ Handle: "zest.ida", Videos: "5", Joined: "2026-03-01T00:00:00.000Z", Toxic: "no" });
    const csv = toCsv(records);
    expect(csv.split("\r\n")[0]).toBe("Handle,Videos,Joined,Toxic");
    expect(Papa.parse(csv, { header: true }).data).toEqual(records);
  });

  it("quotes commas, quotes and line breaks, and keeps formulas from running in a spreadsheet", () => {
    const csv = toCsv([{ Name: 'Say "hi", then\nleave', Formula: "=HYPERLINK(\"http://evil\")", Minus: "-1+2", At: "@SUM(A1)" }]);
    const [parsed] = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(parsed).toEqual({ Name: 'Say "hi", then\nleave', Formula: "'=HYPERLINK(\"http://evil\")", Minus: "'-1+2", At: "'@SUM(A1)" });
  });

  it("writes the header row even for an empty table", () => {
    expect(toCsv([], ["Handle", "Videos"])).toBe("Handle,Videos\r\n");
  });
});
