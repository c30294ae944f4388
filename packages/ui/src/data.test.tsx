import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CheckboxField } from "./CheckboxField.tsx";
import { DataTable } from "./DataTable.tsx";
import { InlineEdit } from "./InlineEdit.tsx";
import { SegmentedControl } from "./SegmentedControl.tsx";
import { SelectField } from "./SelectField.tsx";

afterEach(cleanup);

describe("DataTable", () => {
  const rows = [
    { day: 0, users: 4 },
    { day: 1, users: 2 },
  ];

  it("renders rows with a row header, labelled cells and extra row attributes", () => {
    render(
      <DataTable
        caption="Challenge funnel"
        columns={[
          { header: "Day", rowHeader: true, render: (row) => `Day ${row.day}` },
          { header: "People", numeric: true, render: (row) => row.users },
        ]}
        rows={rows}
        rowKey={(row) => row.day}
        rowProps={(row) => ({ "data-day": row.day })}
      />,
    );
    expect(screen.getByRole("table", { name: "Challenge funnel" })).toBeTruthy();
    expect(screen.getAllByRole("row")).toHaveLength(3); // header row + 2
    const header = screen.getByRole("rowheader", { name: "Day 1" });
    expect(header.closest("tr")?.getAttribute("data-day")).toBe("1");
    const cells = screen.getAllByRole("cell");
    expect(cells.map((cell) => cell.textContent)).toEqual(["4", "2"]);
    expect(cells[0]!.getAttribute("data-label")).toBe("People");
  });
});

describe("SegmentedControl", () => {
  it("is a radio group that reports the chosen value", () => {
    const onChange = vi.fn<(value: string) => void>();
    render(
      <SegmentedControl
        legend="Range"
        name="range"
        value="30"
        onChange={onChange}
        options={[
          { value: "7", label: "Last 7 days" },
          { value: "30", label: "Last 30 days" },
        ]}
      />,
    );
    expect(screen.getByRole("group", { name: "Range" })).toBeTruthy();
    expect((screen.getByRole("radio", { name: "Last 30 days" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: "Last 7 days" }));
    expect(onChange).toHaveBeenCalledWith("7");
  });
});

describe("SelectField and CheckboxField", () => {
  it("ties a select's error to it", () => {
    render(
      <SelectField label="Category" error="No such category" defaultValue="">
        <option value="">Choose…</option>
      </SelectField>,
    );
    const select = screen.getByRole("combobox", { name: "Category" });
    expect(select.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(select.getAttribute("aria-describedby")!)?.textContent).toBe("No such category");
  });

  it("labels a checkbox and describes it with its hint", () => {
    render(<CheckboxField label="Flag as toxic" hint="Shown to people on the Clear step" />);
    const box = screen.getByRole("checkbox", { name: "Flag as toxic" });
    expect(document.getElementById(box.getAttribute("aria-describedby")!)?.textContent).toBe("Shown to people on the Clear step");
  });
});

describe("InlineEdit", () => {
  it("edits, saves and closes; Escape cancels", async () => {
    const onSave = vi.fn<(value: string) => Promise<unknown>>().mockResolvedValue(undefined);
    render(<InlineEdit value="Cooking" label="Name of Cooking" onSave={onSave} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit: Name of Cooking" }));
    const input = screen.getByRole("textbox", { name: "Name of Cooking" });
    fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByRole("textbox")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Edit: Name of Cooking" }));
    fireEvent.change(screen.getByRole("textbox"), { target: { value: "Home cooking" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
    });
    expect(onSave).toHaveBeenCalledWith("Home cooking");
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("stays open with the error when saving is refused", async () => {
    const onSave = vi.fn<(value: string) => Promise<unknown>>().mockRejectedValue(new Error("refused"));
    const { rerender } = render(<InlineEdit value="Cooking" label="Name of Cooking" onSave={onSave} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit: Name of Cooking" }));
    fireEvent.change(screen.getByRole("textbox"), { target: { value: "C" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
    });
    rerender(<InlineEdit value="Cooking" label="Name of Cooking" onSave={onSave} error="At least 2 characters" />);
    const input = screen.getByRole("textbox", { name: "Name of Cooking" });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("At least 2 characters")).toBeTruthy();
  });
});
