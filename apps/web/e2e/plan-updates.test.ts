// The dashboard follows today's plan live (reset.plan.onChange over server-sent events): a
// step done through the API — as the desktop or another tab would — shows on the open page
// without a reload and without fetching the plan again; a session revoked elsewhere ends the
// stream, and the page treats the person as signed out.
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import { callTrpc } from "@glow/server/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const person = { name: "Ines Okafor", email: "ines.okafor@example.com", password: "amber-quarry-41-sparrow" };

describe.skipIf(!chromiumPath)(`live plan updates in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  /** The person's other device: a session of its own, used through the API. */
  let token: string;

  const api = async <T>(path: string, options: { type?: "query" | "mutation"; input?: unknown } = {}): Promise<T> => {
    const answer = await callTrpc(stack.server.url, path, { ...options, token });
    if (answer.error) throw new Error(`${path}: ${answer.error.message}`);
    return answer.data as T;
  };

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-plan-updates-e2e", demoData: true });
    const registered = await callTrpc(stack.server.url, "auth.register", { type: "mutation", input: { ...person, delivery: "token" } });
    if (registered.error) throw new Error(`Could not register: ${registered.error.message}`);
    token = (registered.data as { token: string }).token;
    const categories = await api<Array<{ id: string; slug: string }>>("reset.categories.list");
    await api("reset.preferences.setCategories", {
      type: "mutation",
      input: { categoryIds: categories.filter((c) => c.slug === "cooking").map((c) => c.id) },
    });
    await api("reset.plan.generate", { type: "mutation" });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const progressOf = (page: Page, step: string) => page.locator(`article[data-step="${step}"] [data-progress]`).textContent();

  it("shows a step done elsewhere at once, with no reload and no refetch of the plan, and signs out when the session is revoked", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    // 401: the revoked session's own requests, which the page answers by signing out.
    const consoleErrors = collectConsoleErrors(page, [401]);
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email: person.email, password: person.password });
    await page.goto(stack.webUrl);
    await expect.poll(() => progressOf(page, "clear"), { timeout: 20_000 }).toBe("0 of 3 creators blocked");
    await expect.poll(() => requests.includes("/trpc/reset.plan.onChange")).toBe(true);

    // Marks this page load: a reload would lose it.
    await page.evaluate(() => ((window as { loadMark?: number }).loadMark = 1));
    const before = requests.length;
    const planFetches = () => requests.slice(before).filter((path) => path.includes("reset.plan.today"));

    const plan = await api<{ id: string }>("reset.plan.today");
    const toxic = await api<{ items: Array<{ id: string }> }>("reset.creators.toxic", { input: { limit: 2 } });
    await api("reset.creators.block", { type: "mutation", input: { creatorId: toxic.items[0]!.id } });
    await expect.poll(() => progressOf(page, "clear")).toBe("1 of 3 creators blocked");
    await api("reset.plan.completeStep", { type: "mutation", input: { planId: plan.id, step: "clear" } });
    await expect.poll(() => page.locator('article[data-step="clear"]').getAttribute("data-done")).toBe("true");
    expect(await page.evaluate(() => (window as { loadMark?: number }).loadMark)).toBe(1);
    // Quiet for a moment: the pushed plan replaced the cached one, and nothing asks for it again.
    await page.waitForTimeout(1_500);
    expect(planFetches()).toEqual([]);

    // The other device signs this browser out.
    await api("auth.sessions.revokeOthers", { type: "mutation" });
    await expect.poll(() => page.getByRole("link", { name: "Sign in" }).count()).toBeGreaterThan(0);
    expect(await page.locator("article[data-step]").count()).toBe(0);
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });
});
