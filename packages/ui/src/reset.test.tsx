import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionCard } from "./ActionCard.tsx";
import { ChallengeTrack, type ChallengeDay } from "./ChallengeTrack.tsx";
import { CheckboxCard } from "./CheckboxCard.tsx";
import { ExternalLink } from "./ExternalLink.tsx";
import { ProgressBar } from "./ProgressBar.tsx";
import { VideoCard } from "./VideoCard.tsx";

afterEach(cleanup);

describe("ProgressBar", () => {
  it("says how far along it is", () => {
    render(<ProgressBar value={2} max={3} label="Clear progress" />);
    const bar = screen.getByRole("progressbar", { name: "Clear progress" });
    expect(bar.getAttribute("aria-valuenow")).toBe("2");
    expect(bar.getAttribute("aria-valuemax")).toBe("3");
    expect(bar.getAttribute("aria-valuetext")).toBe("2 of 3");
  });

  it("never goes past its maximum, and counts nothing to do as complete", () => {
    const { rerender } = render(<ProgressBar value={5} max={3} label="Watch progress" />);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("3 of 3");
    rerender(<ProgressBar value={0} max={0} label="Watch progress" />);
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe(bar.getAttribute("aria-valuemax"));
  });
});

describe("ActionCard", () => {
  it("shows the step, its progress and its action, named by its title", () => {
    render(
      <ActionCard
        position={1}
        label="Clear"
        title="Block 3 creators"
        description="Blocking tells the algorithm what you do not want."
        progress={1}
        target={3}
        unit="creators blocked"
        done={false}
        action={<a href="/plan/clear">Open Clear</a>}
      />,
    );
    const card = screen.getByRole("article", { name: "Block 3 creators" });
    expect(card.textContent).toContain("Step 1 · Clear");
    expect(card.textContent).toContain("To do");
    expect(card.textContent).toContain("1 of 3 creators blocked");
    expect(screen.getByRole("link", { name: "Open Clear" }).getAttribute("href")).toBe("/plan/clear");
  });

  it("marks a finished step done", () => {
    render(
      <ActionCard
        position={3}
        label="Reinforce"
        title="Rewatch a favorite"
        description=""
        progress={1}
        target={1}
        unit="rewatched"
        done
        action={null}
      />,
    );
    const card = screen.getByRole("article", { name: "Rewatch a favorite" });
    expect(card.textContent).toContain("Done");
    expect(card.getAttribute("data-done")).toBe("true");
  });

  it("says when a step has nothing to do", () => {
    render(
      <ActionCard
        position={1}
        label="Clear"
        title="Your block list is complete"
        description=""
        progress={0}
        target={0}
        unit="creators blocked"
        done={false}
        action={null}
      />,
    );
    expect(screen.getByRole("article").textContent).toContain("Nothing to do today");
  });
});

describe("ChallengeTrack", () => {
  const days: ChallengeDay[] = [
    { day: 0, status: "done", dateLabel: "Nov 20" },
    { day: 1, status: "missed", dateLabel: "Nov 21" },
    { day: 2, status: "today", dateLabel: "Nov 22" },
    ...[3, 4, 5, 6, 7].map((day) => ({ day, status: "upcoming" as const, dateLabel: null })),
  ];

  it("lists days 0 to 7 with their status in words", () => {
    render(<ChallengeTrack days={days} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(8);
    expect(items[0]!.textContent).toContain("Day 0");
    expect(items[0]!.textContent).toContain("Done");
    expect(items[1]!.textContent).toContain("Missed");
    expect(items[2]!.getAttribute("aria-current")).toBe("date");
    expect(items[7]!.textContent).toContain("Upcoming");
    expect(screen.getByRole("list", { name: "7-day challenge" })).toBeTruthy();
  });

  it("shows dates only in the detailed view", () => {
    const { rerender } = render(<ChallengeTrack days={days} />);
    expect(screen.queryByText("Nov 20")).toBeNull();
    rerender(<ChallengeTrack days={days} detailed />);
    expect(screen.getByText("Nov 20")).toBeTruthy();
  });
});

describe("CheckboxCard", () => {
  it("is a labelled checkbox", () => {
    const onChange = vi.fn<() => void>();
    render(
      <CheckboxCard
        title="Cooking"
        description="Simple recipes"
        icon="🍳"
        name="category"
        value="c1"
        checked={false}
        onChange={onChange}
      />,
    );
    const box = screen.getByRole("checkbox", { name: /Cooking/ });
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(screen.getByText("Simple recipes")).toBeTruthy();
  });
});

describe("VideoCard and ExternalLink", () => {
  it("shows the video with alt text and a safe link to TikTok", () => {
    render(
      <VideoCard
        title="Knife skills"
        creatorName="Ida Skillet"
        creatorHandle="skillet.ida"
        duration="0:45"
        thumbnailUrl="/thumbnails/cooking.svg"
        url="https://www.tiktok.com/@skillet.ida/video/1"
        actions={<button type="button">Watched</button>}
      />,
    );
    const card = screen.getByRole("article", { name: "Knife skills" });
    expect(card.textContent).toContain("@skillet.ida");
    expect(card.textContent).toContain("0:45");
    expect(screen.getByRole("img").getAttribute("alt")).toContain("Knife skills");
    const link = screen.getByRole("link", { name: /Open on TikTok/ });
    expect(link.getAttribute("href")).toBe("https://www.tiktok.com/@skillet.ida/video/1");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(screen.getByRole("button", { name: "Watched" })).toBeTruthy();
  });

  it("says a link opens a new tab", () => {
    render(<ExternalLink href="https://example.com">Example</ExternalLink>);
    expect(screen.getByRole("link").textContent).toContain("opens in a new tab");
  });
});
