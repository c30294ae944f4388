// The client's side of Coach in Chromium, from a business that did not exist: its owner (a new
// person) creates it and invites a client; the client signs up through the emailed link, takes
// the assessment reporting a knee injury, sees the score and a program without a single
// knee-unsafe exercise, plays an exercise video (buffered, playing, seeking: Range requests),
// logs a workout and sees it in their progress. Then the owner writes a template question and
// uploads an exercise video, with its progress shown, after a PNG is refused in the server's words.
// (The business side — portal, members, children — is coach-business.test.ts.)
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { COACH_DEFAULT_TEMPLATE, COACH_LIBRARY_EXERCISES } from "@glow/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const PASSWORD = "coach-client-e2e-password";
const OWNER = { name: "Priya Owner", email: "priya@coach-client-e2e.test" };
const CLIENT = { name: "Kai Client", email: "kai@coach-client-e2e.test" };
const BUSINESS = "Kai's Corner Gym";
const FIXTURES = fileURLToPath(new URL("../../../packages/api/src/testing/fixtures/", import.meta.url));

const pathname = (page: Page) => new URL(page.url()).pathname;
const heading = (page: Page) => page.getByRole("heading", { level: 1 }).first().textContent({ timeout: 20_000 });
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const loading = (page: Page) =>
  page
    .getByRole("status")
    .filter({ hasText: /Loading/ })
    .count();

async function screenshot(page: Page, name: string): Promise<void> {
  await expect.poll(() => loading(page)).toBe(0);
  await page.screenshot({ path: await screenshotPath(name), fullPage: true });
}

type StarterQuestion = (typeof COACH_DEFAULT_TEMPLATE.questions)[number];

/** How the client answers each starter question: a beginner-ish person with a knee injury, dumbbells and a mat. */
const ANSWERS: Record<string, string | string[] | number> = {
  age: 34,
  weight: 72.5,
  training_days: "3 days",
  equipment: ["Dumbbells", "Exercise mat"],
  activity_level: "Exercise 2–3 times a week",
  pushups: 18,
  weekly_minutes: 120,
  fitness_rating: 3,
  goals: ["Get stronger"],
  limitations: ["Knee injury or pain"],
};

/** Answers the question on screen the way ANSWERS says (every yes/no: "No"), then Next or Submit. */
async function answer(page: Page, question: StarterQuestion): Promise<void> {
  const wanted = ANSWERS[question.id];
  const form = page.locator(`form[data-question="${question.id}"]`);
  await expect.poll(() => form.count(), { timeout: 15_000 }).toBe(1);
  if (question.kind === "yes_no") await form.getByRole("radio", { name: "No", exact: true }).check();
  else if (question.kind === "number") await form.getByRole("spinbutton").fill(String(wanted));
  else if (question.kind === "scale") await form.getByRole("radio", { name: String(wanted), exact: true }).check({ force: true });
  else if (question.kind === "single") await form.getByRole("radio", { name: String(wanted), exact: true }).check();
  else for (const label of wanted as string[]) await form.getByRole("checkbox", { name: label, exact: true }).check();
  await form.getByRole("button", { name: /^(Next|Submit answers)$/ }).click();
}

describe.skipIf(!chromiumPath)(`the client's side of Coach in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  let owner: Page;
  let ownerErrors: string[];
  let client: Page;
  let clientErrors: string[];

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-coach-e2e", demoData: true });
    owner = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // 400: a template and an upload the owner's steps get refused on purpose; 415: a PNG dressed as an MP4.
    ownerErrors = collectConsoleErrors(owner, [400, 415]);
    await signInDirectly(owner, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { ...OWNER, password: PASSWORD });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("an owner creates a business and invites a client, who signs up through the emailed link and accepts", async () => {
    await owner.goto(`${stack.webUrl}/orgs/new`);
    await owner.getByLabel("Business name").fill(BUSINESS);
    await owner.getByRole("button", { name: "Create business" }).click();
    await expect.poll(() => pathname(owner), { timeout: 20_000 }).toBe("/coach");

    await owner.goto(`${stack.webUrl}/coach/members`);
    await owner.getByLabel("Email", { exact: true }).fill(CLIENT.email);
    await owner.getByLabel("Role", { exact: true }).selectOption("client");
    await owner.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Invitation sent to" }).count(), { timeout: 15_000 }).toBe(1);
    const email = await stack.server.database.db.outboxEmail.findFirstOrThrow({ where: { to: CLIENT.email } });
    const link = /(https?:\/\/\S+\/invite\/\S+)/.exec(email.text)?.[1] ?? "";
    expect(link.startsWith(`${stack.webUrl}/invite/`)).toBe(true);

    client = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    // 400: an answer and a workout set the server refuses on purpose; 403: a tampered video link.
    clientErrors = collectConsoleErrors(client, [400, 403]);
    await client.goto(link);
    await client.getByRole("link", { name: "Create an account" }).click();
    await expect.poll(() => pathname(client)).toBe("/sign-up");
    await client.getByLabel("Name").fill(CLIENT.name);
    await client.getByLabel("Password").fill(PASSWORD);
    await client.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => pathname(client), { timeout: 15_000 }).toBe(new URL(link).pathname);
    await client.getByRole("button", { name: "Accept the invitation" }).click();
    await expect.poll(() => pathname(client), { timeout: 15_000 }).toBe("/coach");
    expect(ownerErrors, ownerErrors.join("\n")).toEqual([]);
  });

  it("the client takes the assessment one question per screen, reporting a knee injury, and sees the score", async () => {
    await client.goto(`${stack.webUrl}/coach/assessment`);
    await expect.poll(() => heading(client)).toBe("Your assessment");
    await screenshot(client, "coach-assessment-pick");
    await client.getByRole("link", { name: `Start ${COACH_DEFAULT_TEMPLATE.name}` }).click();
    await expect.poll(() => heading(client)).toBe(COACH_DEFAULT_TEMPLATE.name);

    const questions = COACH_DEFAULT_TEMPLATE.questions;
    const progress = client.locator("[data-progress]");
    await expect.poll(() => progress.textContent()).toBe(`Question 1 of ${questions.length}`);
    // Next without an answer: the server's rule, said on the question; nothing moves.
    await client.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => client.locator("[data-problem]").textContent()).toBe("This question needs an answer");
    expect(await progress.textContent()).toBe(`Question 1 of ${questions.length}`);
    await screenshot(client, "coach-assessment-question");

    const ageAt = questions.findIndex((question) => question.id === "age");
    const answerFrom = async (from: number, to: number) => {
      for (let index = from; index < to; index++) {
        await expect.poll(() => progress.textContent()).toBe(`Question ${index + 1} of ${questions.length}`);
        if (questions[index]!.id === "limitations") await screenshot(client, "coach-assessment-limitations");
        await answer(client, questions[index]!);
      }
    };
    await answerFrom(0, ageAt);
    // Back keeps an answer: from the age question to the last screening one, and forward again.
    await expect.poll(() => progress.textContent()).toBe(`Question ${ageAt + 1} of ${questions.length}`);
    await client.getByRole("button", { name: "Back" }).click();
    await expect.poll(() => client.getByRole("radio", { name: "No", exact: true }).isChecked()).toBe(true);
    await client.getByRole("button", { name: "Next" }).click();
    // An age out of range is refused with the server's words before the real answer.
    await client.getByRole("spinbutton").fill("12");
    await client.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => client.locator("[data-problem]").textContent()).toBe("At least 16 years");
    await answerFrom(ageAt, questions.length);

    await expect.poll(() => pathname(client), { timeout: 20_000 }).toMatch(/^\/coach\/assessments\/[0-9a-f-]{36}$/);
    await expect.poll(() => heading(client)).toBe("Your assessment result");
    expect(await client.getByRole("list", { name: "Limitations" }).textContent()).toContain("Knee");
    expect(await client.getByRole("list", { name: "Goals" }).textContent()).toContain("Strength");
    expect(await client.locator('[data-stat="Total"]').textContent()).toMatch(/^\d+ of 100$/);
    expect(await client.getByRole("list", { name: "Score breakdown" }).locator("[data-part]").count()).toBe(4);
    await screenshot(client, "coach-assessment-result");
    await client.getByRole("link", { name: "See your program" }).click();
    await expect.poll(() => pathname(client)).toBe("/coach/program");
  });

  it("the program leaves out every knee-unsafe exercise, and a video plays, seeks and records progress", async () => {
    const sessions = client.locator("article[data-session]");
    await expect.poll(() => sessions.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const weeks = await client.getByRole("group", { name: "Week" }).getByRole("radio").count();
    expect(weeks).toBeGreaterThanOrEqual(2);

    // Every week's exercises, compared with the library they come from.
    const library = new Map(COACH_LIBRARY_EXERCISES.map((exercise) => [exercise.name, exercise]));
    const shown = new Set<string>();
    for (let week = 1; week <= weeks; week++) {
      await client.getByRole("radio", { name: `Week ${week}` }).check({ force: true });
      await expect.poll(() => sessions.count()).toBeGreaterThan(0);
      for (const name of await client.locator("[data-exercise-name]").allTextContents()) shown.add(name.trim());
    }
    expect(shown.size).toBeGreaterThan(3);
    const unsafe = [...shown].filter((name) => library.get(name)?.contraindications.includes("knee"));
    expect([...shown].filter((name) => !library.has(name))).toEqual([]);
    expect(unsafe, "knee-unsafe exercises in the program").toEqual([]);
    // The library has knee-unsafe exercises the program could have picked.
    expect(COACH_LIBRARY_EXERCISES.filter((exercise) => exercise.contraindications.includes("knee")).length).toBeGreaterThan(5);

    await client.getByRole("radio", { name: "Week 1" }).check({ force: true });
    await screenshot(client, "coach-program");

    // Play the first exercise that has a video.
    const playable = client.locator("li[data-item]").filter({ has: client.getByRole("button", { name: /^Play the video of / }) });
    // By its id: once playing, its button reads "Close", and the filter above would move on to the next one.
    const row = client.locator(`li[data-item="${await playable.first().getAttribute("data-item")}"]`);
    const exerciseName = (await row.locator("[data-exercise-name]").textContent())!.trim();
    await row.getByRole("button", { name: `Play the video of ${exerciseName}` }).click();
    const video = row.locator("video");
    await expect.poll(() => video.count(), { timeout: 15_000 }).toBe(1);
    expect(await video.getAttribute("src")).toMatch(new RegExp(`^${stack.webUrl}/files/library/exercises/`));
    await video.evaluate((element: HTMLVideoElement) => {
      element.muted = true; // headless Chromium plays muted media without a gesture of its own
      return element.play().catch(() => undefined);
    });
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.3);
    // Seeking near the end needs the file server's Range support (206).
    const duration = await video.evaluate((element: HTMLVideoElement) => element.duration);
    expect(duration).toBeGreaterThan(2);
    await video.evaluate((element: HTMLVideoElement, to: number) => {
      element.currentTime = to;
    }, duration - 1);
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => (element.seeking ? -1 : element.currentTime)), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(duration - 1.2);
    // The end is recorded as completed (the player records on pause and on end).
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.ended), { timeout: 20_000 }).toBe(true);
    const db = stack.server.database.db;
    const clientUser = await db.user.findFirstOrThrow({ where: { email: CLIENT.email } });
    await expect
      .poll(async () => (await db.coachVideoProgress.findFirst({ where: { clientId: clientUser.id } }))?.completed ?? null, {
        timeout: 15_000,
      })
      .toBe(true);

    // A link the server refuses (as an expired one would be) gets a fresh one, and the video plays on.
    const refusedSrc = await video.evaluate((element: HTMLVideoElement) => {
      element.src = element.src.replace(/signature=[^&]+/, "signature=tampered");
      return element.src;
    });
    await expect.poll(() => video.getAttribute("src"), { timeout: 20_000 }).not.toBe(refusedSrc);
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    await screenshot(client, "coach-program-video");
  });

  it("the client logs a workout (a refused effort shown beside its set), and the session is marked done", async () => {
    const session = client.locator("article[data-session]").first();
    const sessionId = await session.getAttribute("data-session");
    await session.getByRole("button", { name: "Log this workout" }).click();
    const form = client.locator(`form[data-log-form="${sessionId}"]`);
    await expect.poll(() => form.count()).toBe(1);
    const firstExercise = form.locator("fieldset[data-log-exercise]").first();
    const exerciseName = (await firstExercise.locator("legend").textContent())!.trim();
    const rpe = form.getByLabel(`${exerciseName}, set 1: RPE`);
    await form.getByLabel(`${exerciseName}, set 1: load kg`).fill("12.5");
    await rpe.fill("11");
    await form.getByRole("button", { name: "Save workout" }).click();
    await expect.poll(() => rpe.getAttribute("aria-invalid")).toBe("true");
    expect(await firstExercise.textContent()).toContain("RPE is 1 to 10");
    await screenshot(client, "coach-workout-refused");

    await rpe.fill("8");
    await form.getByLabel(`${exerciseName}, set 2: load kg`).fill("15");
    await form.getByRole("button", { name: "Save workout" }).click();
    await expect.poll(() => client.getByRole("status").filter({ hasText: "Workout logged" }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => client.locator(`article[data-session="${sessionId}"]`).getAttribute("data-logged")).toBe("true");
    expect(await client.locator(`article[data-session="${sessionId}"]`).textContent()).toContain("Done");
    await screenshot(client, "coach-workout-logged");
  });

  it("the client sees the workout in their progress, and every client screen fits a phone", async () => {
    await client.goto(`${stack.webUrl}/coach/progress`);
    await expect.poll(() => heading(client)).toBe("Your progress");
    await expect.poll(() => client.locator("[data-adherence]").count(), { timeout: 15_000 }).toBe(1);
    expect(await client.getByText(/^1 of \d+ workouts done$/).count()).toBe(1);
    await expect.poll(() => client.getByRole("table", { name: "Volume per week" }).locator("tbody tr").count()).toBe(1);
    await expect.poll(() => client.locator("figure[data-chart] svg").count()).toBeGreaterThan(0);
    expect(await client.getByRole("list", { name: "Personal bests" }).textContent()).toContain("15 kg");
    await screenshot(client, "coach-progress");

    await client.setViewportSize({ width: 390, height: 844 });
    const screens = [
      ["/coach/program", client.locator("article[data-session]")],
      ["/coach/progress", client.getByRole("heading", { level: 1, name: "Your progress" })],
      ["/coach/assessment", client.getByRole("heading", { level: 1, name: "Your assessment" })],
    ] as const;
    for (const [screen, ready] of screens) {
      await client.goto(`${stack.webUrl}${screen}`);
      await expect.poll(() => ready.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(() => loading(client)).toBe(0);
      expect(await horizontalOverflow(client), screen).toBeLessThanOrEqual(0);
    }
    await client.goto(`${stack.webUrl}/coach/program`);
    await expect.poll(() => client.locator("article[data-session]").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(client, "coach-program-phone");
    await client.locator("article[data-session]").first().getByRole("button", { name: /^Log / }).click();
    expect(await horizontalOverflow(client)).toBeLessThanOrEqual(0);
    await screenshot(client, "coach-workout-phone");
    expect(clientErrors, clientErrors.join("\n")).toEqual([]);
  });

  it("the owner adds a template question (a refused range shown beside it) and uploads an exercise video with progress", async () => {
    await owner.goto(`${stack.webUrl}/coach/templates`);
    await expect.poll(() => heading(owner)).toBe("Assessment templates");
    expect(await owner.getByRole("list", { name: "Templates" }).textContent()).toContain(COACH_DEFAULT_TEMPLATE.name);
    await owner.getByRole("link", { name: "New template" }).click();
    await expect.poll(() => heading(owner)).toBe("New template");
    await owner.getByLabel("Name", { exact: true }).fill("Kai's intake");
    const first = owner.locator("[data-question-editor]").first();
    await first.getByLabel("Question", { exact: true }).fill("How long can you hold a plank?");
    await first.getByLabel("Kind").selectOption("number");
    await first.getByLabel("Unit").fill("s");
    await first.getByLabel("Lowest").fill("30");
    await first.getByLabel("Highest").fill("10");
    await owner.getByRole("button", { name: "Create template" }).click();
    await expect.poll(() => first.getByLabel("Highest").getAttribute("aria-invalid")).toBe("true");
    expect(await first.textContent()).toContain("min must be below max");
    await screenshot(owner, "coach-template-refused");

    await first.getByLabel("Highest").fill("600");
    await owner.getByRole("button", { name: "Add a question" }).click();
    const second = owner.locator("[data-question-editor]").nth(1);
    await second.getByLabel("Question", { exact: true }).fill("Have you trained with a coach before?");
    await owner.getByRole("button", { name: "Create template" }).click();
    await expect.poll(() => pathname(owner), { timeout: 15_000 }).toMatch(/^\/coach\/templates\/[0-9a-f-]{36}$/);
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Saved (version 1)" }).count()).toBe(1);
    // Reordered and saved again: a new version.
    await owner.getByRole("button", { name: "Move question 2 up" }).click();
    await owner.getByRole("button", { name: "Save template" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Saved (version 2)" }).count(), { timeout: 15_000 }).toBe(1);
    const saved = await stack.server.database.db.coachTemplate.findFirstOrThrow({ where: { name: "Kai's intake" } });
    expect((saved.questions as Array<{ prompt: string }>).map((q) => q.prompt)).toEqual([
      "Have you trained with a coach before?",
      "How long can you hold a plank?",
    ]);
    await screenshot(owner, "coach-template-edit");

    await owner.goto(`${stack.webUrl}/coach/exercises`);
    await expect.poll(() => heading(owner)).toBe("Exercises");
    await expect.poll(() => owner.locator("article[data-exercise]").count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(60);
    await owner.getByLabel("Muscle group").selectOption("core");
    await expect.poll(async () => (await owner.locator("article[data-exercise]").count()) < 60).toBe(true);
    await owner.getByLabel("Muscle group").selectOption("");
    await owner.getByRole("button", { name: "New exercise" }).click();
    const form = owner.locator("form[data-exercise-form]");
    await form.getByLabel("Name", { exact: true }).fill("Corner Step-Up");
    await form.getByLabel("Muscle groups").fill("legs, glutes");
    await form.getByRole("checkbox", { name: "Knee" }).check();
    const file = form.getByLabel("Video", { exact: true });
    const problem = form.locator("[data-video-problem]");

    // A PNG: refused before any upload, in the server's words.
    await file.setInputFiles(`${FIXTURES}sample.png`);
    await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toBe("Only videos can be uploaded: MP4, WebM or QuickTime (MOV)");
    // A PNG named like a video: the file server reads its bytes and refuses it (415).
    await file.setInputFiles({ name: "not-a-video.mp4", mimeType: "video/mp4", buffer: await readFile(`${FIXTURES}sample.png`) });
    await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toMatch(/not a video/i);
    await form.screenshot({ path: await screenshotPath("coach-exercise-upload-refused") });

    // The real video: its progress shows while it goes, then full.
    await form.evaluate((element) => {
      const seen: string[] = [];
      (window as unknown as { uploadSteps: string[] }).uploadSteps = seen;
      new MutationObserver(() => {
        const step = element.querySelector("[data-upload]")?.getAttribute("data-upload");
        if (step && seen.at(-1) !== step) seen.push(step);
      }).observe(element, { subtree: true, childList: true, attributes: true });
    });
    await file.setInputFiles(`${FIXTURES}sample.mp4`);
    const bar = form.getByRole("progressbar", { name: "Upload of sample.mp4" });
    await expect.poll(() => form.locator('[data-upload="done"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await bar.getAttribute("aria-valuenow")).toBe(await bar.getAttribute("aria-valuemax"));
    expect(await owner.evaluate(() => (window as unknown as { uploadSteps: string[] }).uploadSteps)).toEqual(["uploading", "done"]);
    expect(await problem.count()).toBe(0);
    await form.screenshot({ path: await screenshotPath("coach-exercise-uploaded") });
    await form.getByRole("button", { name: "Create exercise" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Saved Corner Step-Up." }).count(), { timeout: 15_000 }).toBe(1);
    const created = owner.locator("article[data-exercise]").filter({ hasText: "Corner Step-Up" });
    await expect.poll(() => created.textContent()).toContain("Video");
    expect(await created.textContent()).toContain("Not safe with: Knee");
    const stored = await stack.server.database.db.coachExercise.findFirstOrThrow({ where: { name: "Corner Step-Up" } });
    expect(stored.videoKey).toMatch(/^orgs\/[0-9a-f-]{36}\/exercises\/[0-9a-f-]{36}\.mp4$/);

    // The staff screens fit a phone too, the editors open.
    await owner.setViewportSize({ width: 390, height: 844 });
    await created.getByRole("button", { name: "Edit Corner Step-Up" }).click();
    await expect.poll(() => owner.locator("form[data-exercise-form]").count()).toBe(1);
    expect(await horizontalOverflow(owner), "/coach/exercises").toBeLessThanOrEqual(0);
    for (const screen of ["/coach/templates", `/coach/templates/${saved.id}`]) {
      await owner.goto(`${stack.webUrl}${screen}`);
      await expect.poll(() => loading(owner), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => owner.getByRole("heading", { level: 1 }).count()).toBe(1);
      expect(await horizontalOverflow(owner), screen).toBeLessThanOrEqual(0);
    }
    await screenshot(owner, "coach-template-phone");
    expect(ownerErrors, ownerErrors.join("\n")).toEqual([]);
  });
});
