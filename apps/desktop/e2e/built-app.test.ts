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
import { registerIpcHandlers } from "../src/main/ipc.ts";
import { serverFetch } from "../src/main/server-fetch.ts";
import { createTokenStore, type TokenStore } from "../src/main/token-store.ts";
import { IpcChannel } from "../src/shared/bridge.ts";

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock("electron", () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler) },
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => "gnome_libsecret",
    encryptStringAsync: async (text: string) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
    decryptStringAsync: async (sealed: Buffer) => ({ result: Buffer.from(sealed.map((byte) => byte ^ 0x5a)).toString(), shouldReEncrypt: false }),
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

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-renderer-"));
    userData = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-user-data-"));
    await build({ ...rendererConfig(), configFile: false, logLevel: "silent", build: { outDir, emptyOutDir: true } });
    site = await preview({ ...rendererConfig(), configFile: false, logLevel: "silent", build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
    pageUrl = site.resolvedUrls!.local[0]!;

    // No CORS origin for the page: only main talks to the server, and it sends no Origin.
    server = await startTestServer({ corsOrigins: [] });
    await seedDemo(server.database.db, { nodeEnv: "test" });
    tokens = createTokenStore({ dir: userData });
    const settings = {
      serverUrl: async () => server.url,
      setServerUrl: async () => ({ ok: false as const, error: "fixed in this test" }),
    };
    const fetch = serverFetch({ userAgent: "GlowDesktop/e2e" });
    registerIpcHandlers(
      { settings, auth: createAuth({ settings, tokens, fetch }), api: createApiProxy({ settings, tokens, fetch }) },
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
  });

  it("signs in through main, lists users through the proxy, and the page never holds the token or reaches the server", async () => {
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
        },
        api: { request: (request) => invoke(channels.apiRequest, request) },
      };
    }, IpcChannel);
    await page.goto(pageUrl);

    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("account-name").textContent(), { timeout: 10_000 }).toBe(ADMIN.name);
    await page.getByRole("link", { name: "Users" }).click();
    await expect.poll(() => page.getByRole("list", { name: "Users" }).getByRole("button").count(), { timeout: 10_000 }).toBe(DEMO_ACCOUNTS.length);
    await page.screenshot({ path: await screenshotPath("desktop-built-users"), fullPage: true });

    // The token is main's: encrypted on disk, never in the page.
    const stored = await tokens.read();
    if (!stored) throw new Error("main kept no token");
    expect((await callTrpc(server.url, "auth.me", { token: stored.token })).data).toMatchObject({ email: ADMIN.email });
    for (const name of await readdir(userData)) expect((await readFile(path.join(userData, name))).includes(stored.token)).toBe(false);
    const pageState = await page.evaluate(() => [document.documentElement.outerHTML, document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].join("\n"));
    expect(pageState).not.toContain(stored.token);
    expect(serverRequests).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await tokens.read()).toBeNull();
    expect(await readdir(userData)).toEqual([]);
    expect((await callTrpc(server.url, "auth.me", { token: stored.token })).data).toBeNull();
    expect(problems, problems.join("\n")).toEqual([]);

    // And the page could not have reached the server itself: the production CSP blocks it.
    const direct = await page.evaluate((url) => fetch(url).then(() => "reached", () => "blocked"), `${server.url}/health`);
    expect(direct).toBe("blocked");
    expect(problems.join("\n")).toMatch(/Content Security Policy.*connect-src 'self'/s);
    await page.close();
  });
});
