import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionList, type SessionListEntry } from "./SessionList.tsx";

afterEach(cleanup);

const now = Date.now();
const sessions: SessionListEntry[] = [
  {
    id: "a",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36",
    ip: "203.0.113.7",
    lastSeenAt: new Date(now),
    current: true,
  },
  {
    id: "b",
    userAgent: "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0",
    ip: null,
    lastSeenAt: new Date(now - 5 * 60_000),
    createdAt: new Date(now - 86_400_000),
  },
];

describe("SessionList", () => {
  it("names each device, marks this one, and revokes only the others", () => {
    const onRevoke = vi.fn<(session: SessionListEntry) => void>();
    render(<SessionList sessions={sessions} onRevoke={onRevoke} />);
    const items = screen.getByRole("list", { name: "Sessions" }).querySelectorAll("[data-session]");
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain("Chrome on Linux");
    expect(items[0]!.textContent).toContain("This device");
    expect(items[1]!.textContent).toContain("Unknown IP");
    expect(items[1]!.textContent).toContain("Signed in");
    expect(screen.getAllByRole("button")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Revoke Firefox on Windows, last active 5 minutes ago" }));
    expect(onRevoke).toHaveBeenCalledWith(sessions[1]);
  });

  it("shows the revocation on its way and holds the other buttons", () => {
    render(<SessionList sessions={[sessions[1]!, { ...sessions[1]!, id: "c" }]} revokingId="b" busy onRevoke={() => {}} />);
    const [first, second] = screen.getAllByRole("button") as HTMLButtonElement[];
    expect(first!.getAttribute("aria-busy")).toBe("true");
    expect(second!.disabled).toBe(true);
  });
});
