import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrgChildrenTable, type OrgChildRow } from "./OrgChildrenTable.tsx";
import { OrgMembersTable, type OrgMemberRow } from "./OrgMembersTable.tsx";
import { OrgRoleBadge } from "./OrgRoleBadge.tsx";

afterEach(cleanup);

const members: OrgMemberRow[] = [
  { userId: "u1", name: "Olive Owner", email: "olive@example.com", role: "owner", joinedAt: new Date("2026-11-01T10:00:00Z") },
  { userId: "u2", name: "Sam Staff", email: "sam@example.com", role: "staff", joinedAt: new Date("2026-11-02T10:00:00Z") },
  { userId: "u3", name: "Cleo Client", email: null, role: "client", joinedAt: new Date("2026-11-03T10:00:00Z") },
];

const rowOf = (name: string) => screen.getByRole("rowheader", { name: new RegExp(name) }).closest("tr")!;

describe("OrgRoleBadge", () => {
  it("names the role", () => {
    render(<OrgRoleBadge role="staff" />);
    expect(screen.getByText("Staff")).toBeTruthy();
  });
});

describe("OrgMembersTable", () => {
  it("lists members with their role badges and no controls when read-only", () => {
    render(<OrgMembersTable members={members} currentUserId="u2" />);
    expect(screen.getByRole("table", { name: "Members" })).toBeTruthy();
    expect(within(rowOf("Olive Owner")).getByText("Owner")).toBeTruthy();
    expect(within(rowOf("Sam Staff")).getByText("You")).toBeTruthy();
    expect(within(rowOf("Cleo Client")).getByText("—")).toBeTruthy();
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.queryByRole("button", { name: /Remove/ })).toBeNull();
  });

  it("reports a role picked in a row's picker and keeps showing the member's role until the rows change", () => {
    const onRoleChange = vi.fn<(userId: string, role: string) => void>();
    render(<OrgMembersTable members={members} onRoleChange={onRoleChange} canEdit={(member) => member.userId !== "u1"} />);
    expect(screen.queryByRole("combobox", { name: "Role of Olive Owner" })).toBeNull();
    const picker = screen.getByRole("combobox", { name: "Role of Sam Staff" }) as HTMLSelectElement;
    expect(picker.value).toBe("staff");
    fireEvent.change(picker, { target: { value: "owner" } });
    expect(onRoleChange).toHaveBeenCalledWith("u2", "owner");
    expect(picker.value).toBe("staff");
  });

  it("shows a change on its way in its row and makes every control wait", () => {
    const onRemove = vi.fn<(userId: string) => void>();
    render(<OrgMembersTable members={members} onRoleChange={() => {}} onRemove={onRemove} pending={{ userId: "u3", role: "staff" }} />);
    expect((screen.getByRole("combobox", { name: "Role of Cleo Client" }) as HTMLSelectElement).value).toBe("staff");
    expect((screen.getByRole("combobox", { name: "Role of Sam Staff" }) as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Remove Sam Staff" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("reports a removal", () => {
    const onRemove = vi.fn<(userId: string) => void>();
    render(<OrgMembersTable members={members} onRemove={onRemove} />);
    fireEvent.click(screen.getByRole("button", { name: "Remove Cleo Client" }));
    expect(onRemove).toHaveBeenCalledWith("u3");
  });

  it("says so when there are no members", () => {
    render(<OrgMembersTable members={[]} emptyText="Nobody has joined yet" />);
    expect(screen.getByText("Nobody has joined yet")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("OrgChildrenTable", () => {
  const organizations: OrgChildRow[] = [
    { id: "a", name: "Glow North", depth: 1, clients: 1200, activePrograms: 30, assessmentsThisWeek: 4, adherence: 0.756 },
    { id: "b", name: "Glow North Gym", depth: 2, clients: 3, activePrograms: 0, assessmentsThisWeek: 0, adherence: null },
  ];

  it("shows each child's figures in tree order, indented by depth", () => {
    render(<OrgChildrenTable organizations={organizations} />);
    const north = rowOf("Glow North$");
    expect(
      within(north)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["1,200", "30", "4", "75.6%"]);
    const gym = rowOf("Glow North Gym");
    expect(gym.getAttribute("data-depth")).toBe("2");
    expect(within(gym).getByText("(level 2)")).toBeTruthy();
    expect(within(gym).getAllByRole("cell").at(-1)!.textContent).toBe("—");
    expect(screen.getAllByRole("rowheader").map((header) => header.closest("tr")!.getAttribute("data-org"))).toEqual(["a", "b"]);
  });

  it("adds a Members column when the rows count their members", () => {
    render(<OrgChildrenTable organizations={[{ id: "c", name: "Glow South", depth: 1, members: 12 }]} figures={false} />);
    expect(
      within(rowOf("Glow South"))
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["12"]);
  });

  it("lists only names without figures, and opens the one clicked", () => {
    const onOpen = vi.fn<(child: OrgChildRow) => void>();
    render(<OrgChildrenTable organizations={[{ id: "c", name: "Glow South", depth: 1 }]} figures={false} onOpen={onOpen} />);
    expect(screen.getAllByRole("columnheader").map((header) => header.textContent)).toEqual(["Name"]);
    fireEvent.click(screen.getByRole("button", { name: "Glow South" }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: "c" }));
  });

  it("says so when there are no children", () => {
    render(<OrgChildrenTable organizations={[]} />);
    expect(screen.getByText("No child organizations")).toBeTruthy();
  });
});
