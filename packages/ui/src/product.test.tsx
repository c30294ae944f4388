import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ProductCard } from "./ProductCard.tsx";

afterEach(cleanup);

describe("ProductCard", () => {
  it("names a live product, lists its steps in order and offers its way in", () => {
    render(
      <ProductCard
        id="reset"
        name="Reset"
        tagline="A 7-day plan for your For You feed"
        description="Each day, three short steps."
        steps={[
          { name: "Clear", description: "Block creators." },
          { name: "Watch", description: "Watch curated videos." },
          { name: "Reinforce", description: "Rewatch a favorite." },
        ]}
        status="live"
        action={<a href="/sign-up">Start the 7-day reset</a>}
      />,
    );
    const card = screen.getByRole("article", { name: "Reset" });
    expect(card.getAttribute("data-status")).toBe("live");
    expect(within(card).getByText("Live")).toBeTruthy();
    expect(
      within(card)
        .getAllByRole("listitem")
        .map((step) => step.querySelector("strong")?.textContent),
    ).toEqual(["Clear", "Watch", "Reinforce"]);
    expect(within(card).getByRole("link", { name: "Start the 7-day reset" }).getAttribute("href")).toBe("/sign-up");
  });

  it("marks a coming product as coming soon, with no way in", () => {
    render(<ProductCard id="coach" name="Coach" tagline="Training" description="Soon." status="coming-soon" />);
    const card = screen.getByRole("article", { name: "Coach" });
    expect(card.getAttribute("data-status")).toBe("coming-soon");
    expect(within(card).getByText("Coming soon")).toBeTruthy();
    expect(within(card).queryByRole("link")).toBeNull();
  });
});
