import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseImportCsv } from "./csv-import.ts";

describe("parseImportCsv", () => {
  it("reads one object per data row under the server's field names, matching headers loosely", () => {
    const csv =
      '\uFEFFHandle,Display name,CATEGORY,is_toxic,Toxicity reason,Notes\r\n@new.one,New One,cooking,no,,hello\r\nnew.two,"Two, Jr.",music,yes,Rage bait\r\n\r\n';
    expect(parseImportCsv(csv, "creators")).toEqual({
      ok: true,
      rows: [
        { handle: "@new.one", displayName: "New One", category: "cooking", isToxic: "no", toxicityReason: "" },
        { handle: "new.two", displayName: "Two, Jr.", category: "music", isToxic: "yes", toxicityReason: "Rage bait" },
      ],
      ignoredColumns: ["Notes"],
    });
  });

  it("keeps rows with missing cells for the server to report on", () => {
    const parsed = parseImportCsv("url,title,creatorHandle,durationSeconds\nhttps://example.test/v,Title\n", "videos");
    expect(parsed).toEqual({ ok: true, rows: [{ url: "https://example.test/v", title: "Title" }], ignoredColumns: [] });
  });

  it.each([
    ["a file without the required columns", "name,email\nx,y\n", /handle, displayName, category/],
    ["a file with only a header", "handle,displayName,category\n", /no data rows/],
    ["an empty file", "", /handle/],
  ])("refuses %s", (_name, csv, message) => {
    expect(parseImportCsv(csv, "creators")).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it("refuses more rows than the server takes at once", () => {
    const csv = `handle,displayName,category\n${"a.b,A,cooking\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(parseImportCsv(csv, "creators")).toMatchObject({ ok: false, error: expect.stringMatching(/at most 1000/) });
  });
});
