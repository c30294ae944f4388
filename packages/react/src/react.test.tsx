// The shared layer's one retry policy and error wording, and a card that keeps what it had.
import { cleanup, render, screen } from "@testing-library/react";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import type { AppRouter } from "@glow/api/client";
import { QueryClient } from "@tanstack/react-query";
import { observable } from "@trpc/server/observable";
import { afterEach, describe, expect, it } from "vitest";
import { errorMessage, fieldMessage, formProblems, UNREACHABLE_MESSAGE } from "./errors.ts";
import { MetricCard } from "./metrics.tsx";
import { ApiProvider } from "./provider.tsx";
import { shouldRetryQuery } from "./query-client.ts";

afterEach(cleanup);

const refused = (httpStatus: number, fieldErrors: Record<string, string[]> | null = null) =>
  TRPCClientError.from({ error: { message: "The server's words", code: -32600, data: { code: "BAD_REQUEST", httpStatus, fieldErrors } } });
const unanswered = new TRPCClientError("Failed to fetch");

describe("the retry policy", () => {
  it("tries a query again after a network failure or a server error, twice at most, and never after a 4xx", () => {
    expect(shouldRetryQuery(0, unanswered)).toBe(true);
    expect(shouldRetryQuery(1, refused(503))).toBe(true);
    expect(shouldRetryQuery(2, unanswered)).toBe(false);
    expect(shouldRetryQuery(0, refused(404))).toBe(false);
    expect(shouldRetryQuery(0, refused(429))).toBe(false);
  });
});

describe("error words", () => {
  it("shows the server's message when it answered, and says it cannot be reached when it did not", () => {
    expect(errorMessage(refused(400))).toBe("The server's words");
    expect(errorMessage(unanswered)).toBe(UNREACHABLE_MESSAGE);
    expect(errorMessage(unanswered, "Could not reach the Glow server at http://x")).toBe("Could not reach the Glow server at http://x");
  });

  it("puts field errors beside their fields and the rest in one alert", () => {
    const error = refused(400, { email: ["Not an email"], roles: ["Keep one admin"] });
    expect(formProblems(error, ["email"])).toEqual({ fields: { email: "Not an email" }, alert: "Keep one admin" });
    expect(formProblems(refused(500), ["email"])).toEqual({ fields: {}, alert: "The server's words" });
    expect(formProblems(null, ["email"])).toEqual({ fields: {}, alert: null });
    expect(fieldMessage(error, "roles")).toBe("Keep one admin");
    expect(fieldMessage(unanswered, "roles", () => "offline")).toBe("offline");
  });
});

describe("MetricCard", () => {
  // A client that is never called: the card only reads the query it is given.
  const idle: TRPCLink<AppRouter> = () => () => observable(() => () => {});
  const trpcClient = createTRPCClient<AppRouter>({ links: [idle] });

  function renderCard(query: { isPending: boolean; error: unknown; data: { total: number } | undefined }) {
    render(
      <ApiProvider trpcClient={trpcClient} queryClient={new QueryClient()} describeError={(error) => `App says: ${errorMessage(error)}`}>
        <MetricCard title="People" description="Accounts" query={{ ...query, refetch: () => undefined }}>
          {(data) => <p>{data.total} people</p>}
        </MetricCard>
      </ApiProvider>,
    );
  }

  it("words a failure the app's way, and keeps showing the last figures when a refetch fails", () => {
    renderCard({ isPending: false, error: unanswered, data: undefined });
    expect(screen.getByRole("alert").textContent).toContain(`App says: ${UNREACHABLE_MESSAGE}`);
    cleanup();
    renderCard({ isPending: false, error: unanswered, data: { total: 3 } });
    expect(screen.getByText("3 people")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
