// The production renderer bundle, under its own strict CSP (connect-src 'self'), wired to
// the real main-process code: the IPC handlers, sign-in, the API proxy and the token store
// (with Electron's ipcMain and safeStorage faked). Playwright's exposeFunction stands in for
// IPC, so everything the page sends crosses the same checks as in the app.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { browserSkipNote, chromiumPath, launchBrowser, screenshotPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@glow/db";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import type { IpcMainInvokeEvent } from "electron";
import type { Browser } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rendererConfig } from "../renderer.config.ts";
import { createApiProxy } from "../src/main/api-proxy.ts";
import { createAuth } from "../src/main/auth.ts";
import { createCsvExport } from "../src/main/csv-export.ts";
import { registerIpcHandlers } from "../src/main/ipc.ts";
import { createProviderSignIn } from "../src/main/oauth.ts";
import { serverFetch } from "../src/main/server-fetch.ts";
import { createTokenStore, type TokenStore } from "../src/main/token-store.ts";
import { createWriteQueue } from "../src/main/write-queue.ts";
import { IpcChannel } from "../src/shared/bridge.ts";
import { signInDirectly } from "./support.ts";

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock("electron", () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler) },
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => "gnome_libsecret",
    encryptStringAsync: async (text: string) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
    decryptStringAsync: async (sealed: Buffer) => ({
      result: Buffer.from(sealed.map((byte) => byte ^ 0x5a)).toString(),
      shouldReEncrypt: false,
    }),
  },
}));

const [ADMIN] = DEMO_ACCOUNTS;

describe.skipIf(!chromiumPath)(`built renderer with the main process's code${browserSkipNote}`, () => {
  let outDir: string;
  let userData: string;
  let site: PreviewServer;
  let pageUrl: string;
  let server: TestServer;
  let browser: Browser;
  let tokens: TokenStore;
  let exportDir: string;
  /** Cuts main's network, as an unplugged cable would. */
  let offline = false;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-renderer-"));
    userData = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-user-data-"));
    exportDir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-exports-"));
    await build({ ...rendererConfig(), configFile: false, logLevel: "silent", build: { outDir, emptyOutDir: true } });
    site = await preview({
      ...rendererConfig(),
      configFile: false,
      logLevel: "silent",
      build: { outDir },
      preview: { host: "127.0.0.1", port: 0 },
    });
    pageUrl = site.resolvedUrls!.local[0]!;

    // No CORS origin for the page: only main talks to the server, and it sends no Origin.
    server = await startTestServer({ corsOrigins: [], requestLog: true });
    await seedDemo(server.database.db, { nodeEnv: "test" });
    tokens = createTokenStore({ dir: userData });
    const settings = {
      serverUrl: async () => server.url,
      setServerUrl: async () => ({ ok: false as const, error: "fixed in this test" }),
    };
    const fetch = serverFetch({
      userAgent: "GlowDesktop/e2e",
      fetch: (input, init) => (offline ? Promise.reject(new TypeError("fetch failed")) : globalThis.fetch(input, init)),
    });
    registerIpcHandlers(
      {
        settings,
        auth: createAuth({ settings, tokens, fetch }),
        providerSignIn: createProviderSignIn({ settings, tokens, fetch, openExternal: async () => {} }),
        api: createApiProxy({ settings, tokens, fetch }),
        writes: createWriteQueue({ dir: userData, settings, tokens, fetch }),
        // The native save dialog, answered as if the user chose a file in exportDir.
        csv: createCsvExport({
          showSaveDialog: async (options) => ({ canceled: false, filePath: path.join(exportDir, path.basename(options.defaultPath!)) }),
          defaultDir: () => exportDir,
        }),
      },
      new URL(pageUrl).origin,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.httpServer.close(resolve));
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
    await rm(userData, { recursive: true, force: true });
    await rm(exportDir, { recursive: true, force: true });
  });

  /** The built page with the preload's bridge over (stand-in) IPC to main's handlers. */
  async function openBuiltApp() {
    const page = await browser.newPage();
    const problems: string[] = [];
    const serverRequests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.text().includes("Content Security Policy")) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => {
      if (!request.url().startsWith(pageUrl)) serverRequests.push(request.url());
    });

    // IPC: the page's calls reach main's handlers with the calling frame's URL, as ipcMain would.
    await page.exposeFunction("glowIpc", (channel: string, ...args: unknown[]) => {
      const handler = electron.handlers.get(channel);
      if (!handler) throw new Error(`No handler for ${channel}`);
      return handler({ senderFrame: { url: page.url() } } as unknown as IpcMainInvokeEvent, ...args);
    });
    // What the preload exposes (src/preload/index.ts), over that IPC.
    await page.addInitScript((channels: typeof IpcChannel) => {
      const invoke = (channel: string, ...args: unknown[]) =>
        (window as unknown as { glowIpc(channel: string, ...args: unknown[]): Promise<never> }).glowIpc(channel, ...args);
      window.glow = {
        platform: "test",
        getServerUrl: () => invoke(channels.getServerUrl),
        setServerUrl: (url) => invoke(channels.setServerUrl, url),
        auth: {
          status: () => invoke(channels.authStatus),
          signIn: (email, password) => invoke(channels.signIn, email, password),
          signOut: () => invoke(channels.signOut),
          signInWithProvider: (provider) => invoke(channels.signInWithProvider, provider),
          cancelProviderSignIn: () => invoke(channels.cancelProviderSignIn),
        },
        api: { request: (request) => invoke(channels.apiRequest, request) },
        writes: {
          send: (request) => invoke(channels.sendWrite, request),
          list: () => invoke(channels.listWrites),
          replay: () => invoke(channels.replayWrites),
          retry: (id) => invoke(channels.retryWrite, id),
          discard: (id) => invoke(channels.discardWrite, id),
          // Main's events do not cross Playwright's exposeFunction; the page asks every 250 ms instead.
          onChange: (listener) => {
            const timer = setInterval(() => void invoke(channels.listWrites).then(listener), 250);
            return () => clearInterval(timer);
          },
        },
        files: { saveCsv: (name, csv) => invoke(channels.saveCsv, name, csv) },
        onCommand: () => () => {},
      };
    }, IpcChannel);
    await page.goto(pageUrl);
    return { page, problems, serverRequests };
  }

  it("signs in through main, lists users through the proxy, and the page never holds the token or reaches the server", async () => {
    const { page, problems, serverRequests } = await openBuiltApp();

    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("account-name").textContent(), { timeout: 10_000 }).toBe(ADMIN.name);
    await page.getByRole("link", { name: "Users" }).click();
    await expect
      .poll(() => page.getByRole("table", { name: "Users" }).getByRole("button").count(), { timeout: 10_000 })
      .toBe(DEMO_ACCOUNTS.length);
    await page.screenshot({ path: await screenshotPath("desktop-built-users"), fullPage: true });

    // The token is main's: encrypted on disk, never in the page.
    const stored = await tokens.read();
    if (!stored) throw new Error("main kept no token");
    expect((await callTrpc(server.url, "auth.me", { token: stored.token })).data).toMatchObject({ email: ADMIN.email });
    for (const name of await readdir(userData)) expect((await readFile(path.join(userData, name))).includes(stored.token)).toBe(false);
    const pageState = await page.evaluate(() =>
      [
        document.documentElement.outerHTML,
        document.cookie,
        JSON.stringify({ ...localStorage }),
        JSON.stringify({ ...sessionStorage }),
      ].join("\n"),
    );
    expect(pageState).not.toContain(stored.token);
    expect(serverRequests).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await tokens.read()).toBeNull();
    expect(await readdir(userData)).toEqual([]);
    expect((await callTrpc(server.url, "auth.me", { token: stored.token })).data).toBeNull();
    expect(problems, problems.join("\n")).toEqual([]);

    // And the page could not have reached the server itself: the production CSP blocks it.
    const direct = await page.evaluate(
      (url) =>
        fetch(url).then(
          () => "reached",
          () => "blocked",
        ),
      `${server.url}/health`,
    );
    expect(direct).toBe("blocked");
    expect(problems.join("\n")).toMatch(/Content Security Policy.*connect-src 'self'/s);
    await page.close();
  });

  it("runs the console under the production CSP: the palette, charts, a CSV file saved by main, and a write main queued offline and sent once", async () => {
    // Signed in already: main starts with a saved session (the test above signs in through it).
    await tokens.save({ serverUrl: server.url, token: await signInDirectly(server.url, ADMIN.email, DEMO_PASSWORD) });
    const { page, problems, serverRequests } = await openBuiltApp();
    await page.getByTestId("account-name").waitFor({ timeout: 10_000 });

    // cmdk's palette and recharts' SVG need nothing the CSP forbids.
    await page.keyboard.press("ControlOrMeta+K");
    await page.keyboard.type("metrics");
    await page.keyboard.press("Enter");
    await page.locator('figure[data-chart="Daily active people"] svg').waitFor({ timeout: 10_000 });
    await page.getByRole("table", { name: "Latency and errors by procedure" }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect
      .poll(() => readdir(exportDir), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^glow-procedures-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const [exported] = await readdir(exportDir);
    const csv = await readFile(path.join(exportDir, exported!), "utf8");
    expect(csv.startsWith("\uFEFFProcedure,Requests,p50,p95,p99,Server errors,Refused (4xx)\r\n")).toBe(true);

    await page.getByRole("link", { name: "Curation" }).click();
    const table = page.getByRole("table", { name: "Categories" });
    await expect.poll(() => table.locator("[data-category]").count(), { timeout: 10_000 }).toBe(10);
    offline = true;
    try {
      await page.getByRole("button", { name: "Edit: Description of Fitness & movement" }).click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type("Move every day");
      await page.keyboard.press("Enter");
      await page.getByRole("status", { name: "Offline" }).waitFor({ timeout: 10_000 });
      // Main holds it, on disk, with its idempotency key; the server has not seen it.
      const queued = await readFile(path.join(userData, "write-queue.json"), "utf8");
      expect(JSON.parse(queued).writes).toMatchObject([
        { procedure: "admin.reset.categories.update", idempotencyKey: expect.any(String), status: "waiting" },
      ]);
      expect((await server.database.db.category.findUniqueOrThrow({ where: { slug: "fitness" } })).description).not.toBe("Move every day");
      expect(await table.locator('[data-category="fitness"]').textContent()).toContain("Queued");
    } finally {
      offline = false;
    }
    await page.getByRole("button", { name: "Try again" }).click();
    await expect
      .poll(async () => (await server.database.db.category.findUniqueOrThrow({ where: { slug: "fitness" } })).description, {
        timeout: 10_000,
      })
      .toBe("Move every day");
    await page.getByRole("status", { name: "Offline" }).waitFor({ state: "hidden", timeout: 10_000 });
    await expect.poll(() => readdir(userData)).not.toContain("write-queue.json");

    expect(serverRequests).toEqual([]);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.close();
  });
});
