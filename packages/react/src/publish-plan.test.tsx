import { cleanup, render, screen } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { afterEach, describe, expect, it } from "vitest";
import { PlanLimitNotice, planLimitOf } from "./publish-plan.tsx";

afterEach(cleanup);

const refusal = (data: Record<string, unknown>, message = "Your Free plan allows 10 scheduled posts a month. Upgrade to Basic for 60.") =>
  TRPCClientError.from({ error: { message, code: -32003, data } });

describe("PlanLimitNotice", () => {
  const atLimit = refusal({
    code: "FORBIDDEN",
    httpStatus: 403,
    planLimit: { plan: "free", metric: "scheduledPosts", limit: 10, upgradeTo: "basic" },
  });

  it("reads the plan limit from a FORBIDDEN's data, and nothing from other refusals", () => {
    expect(planLimitOf(atLimit)).toEqual({ plan: "free", metric: "scheduledPosts", limit: 10, upgradeTo: "basic" });
    expect(planLimitOf(refusal({ code: "FORBIDDEN", httpStatus: 403 }, "Only owners connect accounts"))).toBeNull();
    expect(planLimitOf(new Error("offline"))).toBeNull();
    expect(planLimitOf(null)).toBeNull();
  });

  it("shows the server's words with the app's link at a limit, and renders nothing otherwise", () => {
    const { rerender } = render(<PlanLimitNotice error={atLimit} link={<a href="/publish/plan">See plans and upgrade</a>} />);
    expect(screen.getByRole("alert").textContent).toContain("Upgrade to Basic for 60.");
    expect(screen.getByRole("link", { name: "See plans and upgrade" })).toBeTruthy();
    rerender(<PlanLimitNotice error={refusal({ code: "FORBIDDEN", httpStatus: 403 }, "No")} link={<a href="/publish/plan">Plans</a>} />);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
