import type { OrgMemberRow, OrgRoleName } from "@glow/ui";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrganizationMembers } from "./org-members.tsx";

afterEach(cleanup);

type SetRole = (userId: string, role: OrgRoleName) => Promise<void>;

const joinedAt = new Date("2026-11-01T10:00:00Z");
const owner: OrgMemberRow = { userId: "u1", name: "Olive Owner", email: "olive@example.com", role: "owner", joinedAt };
const staff: OrgMemberRow = { userId: "u2", name: "Sam Staff", email: "sam@example.com", role: "staff", joinedAt };
const loaded = (data: readonly OrgMemberRow[]) => ({ isPending: false, error: null, data, refetch: () => undefined });
const lastOwnerRefusal = TRPCClientError.from({
  error: {
    message: "An organization needs at least one owner: make someone else an owner first",
    code: -32600,
    data: { code: "CONFLICT", httpStatus: 409 },
  },
});
const pickRole = (name: string, role: OrgRoleName) =>
  fireEvent.change(screen.getByRole("combobox", { name: `Role of ${name}` }), { target: { value: role } });

describe("OrganizationMembers", () => {
  it("waits for the rows, and offers to try again when they could not be loaded", () => {
    const refetch = vi.fn<() => void>();
    render(<OrganizationMembers query={{ isPending: true, error: null, data: undefined, refetch }} />);
    expect(screen.getByText(/Loading members/)).toBeTruthy();
    cleanup();
    render(<OrganizationMembers query={{ isPending: false, error: lastOwnerRefusal, data: undefined, refetch }} />);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(refetch).toHaveBeenCalled();
  });

  it("changes a role at once, shows it on its way and says when it is done", async () => {
    let finish!: () => void;
    const setRole = vi.fn<SetRole>(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<OrganizationMembers query={loaded([owner, staff])} setRole={setRole} />);
    pickRole("Sam Staff", "client");
    expect(setRole).toHaveBeenCalledWith("u2", "client");
    expect((screen.getByRole("combobox", { name: "Role of Sam Staff" }) as HTMLSelectElement).value).toBe("client");
    expect((screen.getByRole("combobox", { name: "Role of Olive Owner" }) as HTMLSelectElement).disabled).toBe(true);
    await act(async () => finish());
    expect(screen.getByRole("status").textContent).toBe("Sam Staff is now client");
  });

  it("asks before demoting the only owner, does nothing on Cancel, and shows the server's refusal", async () => {
    const setRole = vi.fn<SetRole>(() => Promise.reject(lastOwnerRefusal));
    render(<OrganizationMembers query={loaded([owner, staff])} setRole={setRole} />);
    pickRole("Olive Owner", "staff");
    const dialog = screen.getByRole("alertdialog", { name: "Make Olive Owner, the only owner, staff?" });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(dialog.isConnected).toBe(false);
    expect(setRole).not.toHaveBeenCalled();
    expect((screen.getByRole("combobox", { name: "Role of Olive Owner" }) as HTMLSelectElement).value).toBe("owner");

    pickRole("Olive Owner", "staff");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Make staff" })));
    expect(setRole).toHaveBeenCalledWith("u1", "staff");
    expect(screen.getByRole("alert").textContent).toContain("An organization needs at least one owner");
    expect((screen.getByRole("combobox", { name: "Role of Olive Owner" }) as HTMLSelectElement).value).toBe("owner");
  });

  it("demotes an owner without asking when another owner remains", () => {
    const setRole = vi.fn<SetRole>(() => Promise.resolve());
    render(<OrganizationMembers query={loaded([owner, { ...staff, role: "owner" }])} setRole={setRole} />);
    pickRole("Olive Owner", "client");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(setRole).toHaveBeenCalledWith("u1", "client");
  });

  it("removes a member only after the viewer confirms", async () => {
    const remove = vi.fn<(userId: string) => Promise<void>>(() => Promise.resolve());
    render(<OrganizationMembers query={loaded([owner, staff])} remove={remove} />);
    fireEvent.click(screen.getByRole("button", { name: "Remove Sam Staff" }));
    expect(remove).not.toHaveBeenCalled();
    screen.getByRole("alertdialog", { name: "Remove Sam Staff from this organization?" });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Remove" })));
    expect(remove).toHaveBeenCalledWith("u2");
    expect(screen.getByRole("status").textContent).toBe("Sam Staff was removed");
  });
});
