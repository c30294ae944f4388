import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InboxFilters, InboxMessageList, type InboxMessage } from "./InboxMessageList.tsx";
import { PlanLimitBanner, PlansTable, PlanUsageList } from "./PlanPieces.tsx";

afterEach(cleanup);

const message = (id: string, overrides: Partial<InboxMessage> = {}): InboxMessage => ({
  id,
  accountId: "a1",
  platform: "x",
  accountHandle: "studio",
  kind: "message",
  authorName: `Person ${id}`,
  authorHandle: `person${id}`,
  text: `Hello from ${id}`,
  receivedAt: new Date(),
  readAt: null,
  reply: null,
  ...overrides,
});

describe("the inbox list", () => {
  it("marks unread messages, shows a reply under its message and offers answering only to those who may", () => {
    const messages = [message("1"), message("2", { readAt: new Date(), reply: { text: "Thanks!", at: new Date(), byName: "Uma" } })];
    const { rerender } = render(
      <InboxMessageList
        messages={messages}
        platformNames={{ x: "X" }}
        canAnswer
        onMarkRead={() => {}}
        onReply={async () => {}}
        describeError={String}
      />,
    );
    const [first, second] = screen.getAllByRole("listitem");
    expect(first!.getAttribute("data-unread")).toBe("true");
    expect(within(first!).getByText("Unread")).toBeTruthy();
    expect(within(first!).getByText(/Message to @studio on X/)).toBeTruthy();
    expect(within(first!).getByRole("textbox")).toBeTruthy();
    expect(within(second!).getByText("Thanks!")).toBeTruthy();
    expect(within(second!).queryByRole("textbox")).toBeNull();

    rerender(
      <InboxMessageList messages={messages} canAnswer={false} onMarkRead={() => {}} onReply={async () => {}} describeError={String} />,
    );
    expect(screen.queryAllByRole("textbox")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /Mark the message/ })).toBeNull();
  });

  it("sends a reply, clears the box, and shows a refusal in the words given", async () => {
    const onReply = vi
      .fn<(messageId: string, text: string) => Promise<unknown>>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error("The platform said no"));
    render(
      <InboxMessageList
        messages={[message("1")]}
        canAnswer
        onMarkRead={() => {}}
        onReply={onReply}
        describeError={(e) => (e as Error).message}
      />,
    );
    const box = screen.getByRole("textbox") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "  Sure!  " } });
    fireEvent.click(screen.getByRole("button", { name: "Reply" }));
    await waitFor(() => expect(box.value).toBe(""));
    expect(onReply).toHaveBeenCalledWith("1", "Sure!");
    fireEvent.change(box, { target: { value: "Again" } });
    fireEvent.click(screen.getByRole("button", { name: "Reply" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("The platform said no"));
    expect(box.value).toBe("Again");
  });

  it("filters by account with each one's unread count", () => {
    const onAccountChange = vi.fn<(accountId: string | null) => void>();
    render(
      <InboxFilters
        accounts={[
          { id: "a1", label: "@studio · X", unread: 3 },
          { id: "a2", label: "@clips · X", unread: 0 },
        ]}
        totalUnread={3}
        accountId={null}
        onAccountChange={onAccountChange}
        unreadOnly={false}
        onUnreadOnlyChange={() => {}}
      />,
    );
    const chip = screen.getByRole("button", { name: /@studio/ });
    expect(chip.querySelector("[data-unread-count]")?.getAttribute("data-unread-count")).toBe("3");
    expect(screen.getByRole("button", { name: /@clips/ }).querySelector("[data-unread-count]")).toBeNull();
    expect(screen.getByRole("button", { name: /All accounts/ }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(chip);
    expect(onAccountChange).toHaveBeenCalledWith("a1");
  });
});

describe("the plan pieces", () => {
  const limits = { accounts: 2, scheduledPosts: 10, aiCaptions: 5, members: 1 };
  it("shows used of each limit, Unlimited where there is none, and marks a full one", () => {
    render(
      <PlanUsageList
        usage={{
          accounts: { used: 1, limit: 2 },
          scheduledPosts: { used: 10, limit: 10 },
          aiCaptions: { used: 0, limit: null },
          members: { used: 1, limit: 1 },
        }}
      />,
    );
    const row = (metric: string) => document.querySelector(`[data-metric="${metric}"]`)!;
    expect(row("accounts").querySelector("[data-usage]")!.textContent).toBe("1 / 2");
    expect(row("scheduledPosts").getAttribute("data-full")).toBe("true");
    expect(row("accounts").getAttribute("data-full")).toBe("false");
    expect(row("aiCaptions").querySelector("[data-usage]")!.textContent).toBe("0 / Unlimited");
  });

  it("offers Upgrade above the current plan and Downgrade below it, only when the viewer may change it", () => {
    const plans = [
      { tier: "free", name: "Free", monthlyPriceCents: 0, limits },
      { tier: "basic", name: "Basic", monthlyPriceCents: 900, limits },
      { tier: "pro", name: "Pro", monthlyPriceCents: 2900, limits: { ...limits, members: null } },
    ];
    const onChoose = vi.fn<(tier: string) => void>();
    const { rerender } = render(<PlansTable plans={plans} currentTier="basic" onChoose={onChoose} />);
    expect(screen.getByRole("button", { name: "Downgrade to Free" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Upgrade to Pro" }));
    expect(onChoose).toHaveBeenCalledWith("pro");
    expect(screen.queryByRole("button", { name: /Basic/ })).toBeNull();
    expect(document.querySelector('[data-plan="pro"]')!.textContent).toContain("$29 a month");
    rerender(<PlansTable plans={plans} currentTier="basic" />);
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("says the server's words at a plan limit with the way to the plan page", () => {
    render(<PlanLimitBanner message="Your Free plan allows 10 scheduled posts a month." action={<a href="/publish/plan">See plans</a>} />);
    expect(screen.getByRole("alert").textContent).toContain("Your Free plan allows 10 scheduled posts a month.");
    expect(screen.getByRole("link", { name: "See plans" })).toBeTruthy();
  });
});
