// The organization switcher: which organization is selected, what is remembered, what is forgotten.
import type { AppRouter } from "@glow/api/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createTRPCClient, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseOrg, CURRENT_ORG_KEY, CurrentOrgProvider, OrgSwitcher, useCurrentOrg, type MyOrganization } from "./orgs.tsx";
import { ApiProvider } from "./provider.tsx";

const joinedAt = new Date("2026-12-01T10:00:00Z");
const downtown: MyOrganization = {
  id: "org-downtown",
  name: "Glow Fitness Downtown",
  slug: "downtown",
  parentId: null,
  role: "owner",
  joinedAt,
};
const harbour: MyOrganization = { id: "org-harbour", name: "Harbour Gym", slug: "harbour", parentId: null, role: "client", joinedAt };
const account = { id: "user-1", name: "Ada", email: "ada@example.com", permissions: [] };

/** A client whose server answers `auth.me` and `orgs.mine` with what the test says. */
function fakeClient(answers: { me: unknown; mine: MyOrganization[] }) {
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        const data = op.path === "auth.me" ? answers.me : op.path === "orgs.mine" ? answers.mine : undefined;
        observer.next({ result: { type: "data", data } });
        observer.complete();
        return () => {};
      });
  return createTRPCClient<AppRouter>({ links: [link] });
}

function CurrentName() {
  const { org, isLoading } = useCurrentOrg();
  return <p data-testid="current">{isLoading ? "loading" : (org?.name ?? "none")}</p>;
}

function renderSwitcher(answers: { me: unknown; mine: MyOrganization[] }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider trpcClient={fakeClient(answers)} queryClient={queryClient}>
        <CurrentOrgProvider>
          <OrgSwitcher createLink={<a href="/orgs/new">Create a business</a>} />
          <CurrentName />
        </CurrentOrgProvider>
      </ApiProvider>
    </QueryClientProvider>,
  );
}

const current = () => screen.getByTestId("current").textContent;

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("the current organization", () => {
  it("starts on the first organization, lists each with the person's role, and remembers a choice for the next visit", async () => {
    renderSwitcher({ me: account, mine: [downtown, harbour] });
    await waitFor(() => expect(current()).toBe("Glow Fitness Downtown"));
    const select = screen.getByRole<HTMLSelectElement>("combobox", { name: "Organization" });
    expect([...select.options].map((option) => option.textContent)).toEqual(["Glow Fitness Downtown · Owner", "Harbour Gym · Client"]);
    expect(screen.getByRole("link", { name: "Create a business" })).toBeTruthy();

    fireEvent.change(select, { target: { value: harbour.id } });
    expect(current()).toBe("Harbour Gym");
    expect(localStorage.getItem(CURRENT_ORG_KEY)).toBe(harbour.id);

    cleanup();
    renderSwitcher({ me: account, mine: [downtown, harbour] });
    await waitFor(() => expect(current()).toBe("Harbour Gym"));
  });

  it("falls back to the first organization when the remembered one is no longer the person's, and keeps the remembered id", async () => {
    localStorage.setItem(CURRENT_ORG_KEY, "org-just-joined");
    renderSwitcher({ me: account, mine: [harbour, downtown] });
    await waitFor(() => expect(current()).toBe("Harbour Gym"));
    expect(localStorage.getItem(CURRENT_ORG_KEY)).toBe("org-just-joined");
    // Once the list holds it (an invitation just accepted), it is the one selected.
    expect(chooseOrg([harbour, { ...downtown, id: "org-just-joined" }], "org-just-joined")?.name).toBe("Glow Fitness Downtown");
  });

  it("shows no switcher to someone who belongs to no organization", async () => {
    renderSwitcher({ me: account, mine: [] });
    await waitFor(() => expect(current()).toBe("none"));
    expect(screen.queryByRole("combobox")).toBeNull();
  });

  it("forgets the choice once nobody is signed in", async () => {
    localStorage.setItem(CURRENT_ORG_KEY, harbour.id);
    renderSwitcher({ me: null, mine: [downtown, harbour] });
    await waitFor(() => expect(localStorage.getItem(CURRENT_ORG_KEY)).toBeNull());
    expect(current()).toBe("none");
    expect(screen.queryByRole("combobox")).toBeNull();
  });
});
