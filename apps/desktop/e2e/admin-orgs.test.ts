// The Organizations screen, in Chromium against a real server and database: an admin finds a
// business by searching, opens it, follows its parent and child links, sees its members, is
// asked before demoting its only owner (and shown the server's refusal), and changes a role;
// the list pages with "Load more"; a person without read:organizations has no such screen.
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@glow/db";
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGS_PAGE_SIZE } from "../src/renderer/orgs/paging.ts";
import { openAppSignedIn, startDesktopStack, type DesktopStack } from "./support.ts";

const [ADMIN, USER] = DEMO_ACCOUNTS;
const GROUP = "Northwind Fitness Group";
const HARBOUR = "Northwind Fitness Harbour";
const HILL = "Northwind Fitness Hill";
const JUNIORS = "Northwind Hill Juniors";
const OWNER = { email: "olga.owner@northwind.example.test", name: "Olga Owner" };
const STAFF = { email: "stan.staff@northwind.example.test", name: "Stan Staff" };
const CROWD = ORGS_PAGE_SIZE + 5;

describe.skipIf(!chromiumPath)(`the desktop's Organizations screen in Chromium${browserSkipNote}`, () => {
  let stack: DesktopStack;
  let hillId: string;

  beforeAll(async () => {
    stack = await startDesktopStack({ demoData: true });
    const db = stack.server.database.db;
    // Clubs enough for a second page of a search, between an older studio the search must not
    // find on any page and the newer chain below (the list is newest first).
    await db.organization.create({ data: { name: "Quiet Studio", slug: "quiet-studio", createdAt: new Date(Date.now() - 60_000) } });
    await db.organization.createMany({
      data: Array.from({ length: CROWD }, (_, index) => ({ name: `Crowd Club ${index}`, slug: `crowd-club-${index}` })),
    });
    // A chain of three levels: the group, two gyms, and a juniors' club under one of them.
    const group = await db.organization.create({ data: { name: GROUP, slug: "northwind-fitness-group" } });
    await db.organization.create({ data: { name: HARBOUR, slug: "northwind-fitness-harbour", parentId: group.id } });
    const hill = await db.organization.create({ data: { name: HILL, slug: "northwind-fitness-hill", parentId: group.id } });
    await db.organization.create({ data: { name: JUNIORS, slug: "northwind-hill-juniors", parentId: hill.id } });
    hillId = hill.id;
    const [owner, staff, client] = await Promise.all([
      db.user.create({ data: OWNER }),
      db.user.create({ data: STAFF }),
      db.user.findUniqueOrThrow({ where: { email: USER.email } }),
    ]);
    await db.orgMembership.createMany({
      data: [
        { orgId: hill.id, userId: owner.id, role: "owner" },
        { orgId: hill.id, userId: staff.id, role: "staff" },
        { orgId: hill.id, userId: client.id, role: "client" },
        { orgId: group.id, userId: owner.id, role: "owner" },
      ],
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const openAsAdmin = () =>
    openAppSignedIn(
      stack.browser,
      stack.pageUrl,
      stack.server.url,
      { email: ADMIN.email, password: DEMO_PASSWORD },
      // Chromium logs the refused demotion's 409; in the app that request is main's, not the page's.
      {
        expectedError: (message: ConsoleMessage) =>
          message.location().url.includes("/trpc/admin.orgs.setMemberRole") && message.text().includes("409"),
      },
    );

  async function rolesInHill(): Promise<Record<string, string>> {
    const members = await stack.server.database.db.orgMembership.findMany({ where: { orgId: hillId }, include: { user: true } });
    return Object.fromEntries(members.map((member) => [member.user.name, member.role]));
  }

  /** The details card of the organization named, once its members are shown. */
  async function details(page: Page, name: string) {
    const card = page.getByRole("region", { name, exact: true });
    await card
      .getByRole("table", { name: `Members of ${name}` })
      .or(card.getByText("No members yet"))
      .waitFor({ timeout: 10_000 });
    return card;
  }

  it("lets an admin find a business, follow its parent and child links and change a member's role", async () => {
    const { page, problems } = await openAsAdmin();
    // The command palette lists the screen.
    await page.keyboard.press("ControlOrMeta+K");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.waitFor();
    await page.keyboard.type("organiz");
    await expect.poll(() => palette.getByRole("option").allTextContents()).toEqual([expect.stringContaining("Organizations")]);
    await page.keyboard.press("Enter");
    await palette.waitFor({ state: "hidden" });

    await page.getByLabel("Search by name or slug").fill("northwind");
    const list = page.getByRole("table", { name: "Organizations" });
    await expect
      .poll(async () => (await list.getByRole("rowheader").allTextContents()).sort(), { timeout: 10_000 })
      .toEqual([GROUP, HARBOUR, HILL, JUNIORS]);
    expect(await list.locator('tr[data-org="northwind-hill-juniors"]').textContent()).toContain(HILL);
    await list.getByRole("button", { name: HILL }).click();

    const hill = await details(page, HILL);
    const members = hill.getByRole("table", { name: `Members of ${HILL}` });
    expect(await members.getByRole("rowheader").allTextContents()).toEqual(expect.arrayContaining([OWNER.name, STAFF.name, USER.name]));
    const children = hill.getByRole("region", { name: "Child organizations" });
    expect(await children.getByRole("button").allTextContents()).toEqual([JUNIORS]);

    // The only owner: the screen asks first, and shows the server's refusal.
    await hill.getByRole("combobox", { name: `Role of ${OWNER.name}` }).selectOption("staff");
    const confirm = hill.getByRole("alertdialog", { name: `Make ${OWNER.name}, the only owner, staff?` });
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Make staff" }).click();
    await expect
      .poll(() => hill.getByRole("alert").textContent(), { timeout: 10_000 })
      .toContain("An organization needs at least one owner");
    expect(await hill.getByRole("combobox", { name: `Role of ${OWNER.name}` }).inputValue()).toBe("owner");
    expect((await rolesInHill())[OWNER.name]).toBe("owner");

    // Another member's role changes at once.
    await hill.getByRole("combobox", { name: `Role of ${STAFF.name}` }).selectOption("owner");
    await expect.poll(() => hill.getByRole("status").allTextContents(), { timeout: 10_000 }).toContain(`${STAFF.name} is now owner`);
    expect(await rolesInHill()).toEqual({ [OWNER.name]: "owner", [STAFF.name]: "owner", [USER.name]: "client" });
    expect(await members.locator("tr[data-role=owner]").count()).toBe(2);
    await page.screenshot({ path: await screenshotPath("desktop-admin-orgs"), fullPage: true });

    // Up to the parent: its direct children with their member counts (the juniors' club is the hill gym's).
    await hill.getByRole("button", { name: `Open the parent, ${GROUP}` }).click();
    const group = await details(page, GROUP);
    const tree = group.getByRole("region", { name: "Child organizations" });
    expect(await tree.getByRole("button").allTextContents()).toEqual([HARBOUR, HILL]);
    expect(await tree.getByRole("cell").allTextContents()).toEqual(["0", "3"]);
    expect(await group.getByText("None (a top-level organization)").isVisible()).toBe(true);
    // And down to a child with no members.
    await tree.getByRole("button", { name: HARBOUR }).click();
    const harbour = await details(page, HARBOUR);
    expect(await harbour.getByText("No members yet").isVisible()).toBe(true);
    expect(await harbour.getByText("No child organizations").isVisible()).toBe(true);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("pages through a search with Load more and says when a search finds nothing", async () => {
    const { page, problems } = await openAsAdmin();
    await page.getByRole("link", { name: "Organizations" }).click();
    await page.getByLabel("Search by name or slug").fill("crowd club");
    const rows = page.getByRole("table", { name: "Organizations" }).getByRole("rowheader");
    // The first page of the search, not the newest organizations shown before it.
    await expect
      .poll(async () => (await rows.allTextContents()).filter((name) => name.startsWith("Crowd Club")).length, { timeout: 10_000 })
      .toBe(ORGS_PAGE_SIZE);
    expect(await rows.count()).toBe(ORGS_PAGE_SIZE);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(CROWD);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    const names = await rows.allTextContents();
    expect(new Set(names).size).toBe(CROWD);
    expect(names.every((name) => name.startsWith("Crowd Club"))).toBe(true);

    await page.getByLabel("Search by name or slug").fill("no-such-organization");
    await expect.poll(() => page.getByText("No organizations match “no-such-organization”.").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows no Organizations screen to a member of a business without read:organizations", async () => {
    const { page, problems } = await openAppSignedIn(stack.browser, stack.pageUrl, stack.server.url, {
      email: USER.email,
      password: DEMO_PASSWORD,
    });
    expect(await page.getByRole("link", { name: "Organizations" }).count()).toBe(0);
    await page.keyboard.press("ControlOrMeta+K");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.waitFor();
    await page.keyboard.type("organiz");
    await expect.poll(() => palette.getByRole("option").count()).toBe(0);
    await page.keyboard.press("Escape");
    // What the native menu would send (main builds its menu from every screen) gets the access note.
    await page.evaluate(() => window.glowTest!.command({ type: "navigate", screen: "orgs" }));
    await page.getByText("You need admin access").waitFor();
    expect(await page.getByRole("table", { name: "Organizations" }).count()).toBe(0);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
