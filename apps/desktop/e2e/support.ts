// What the renderer tests share: Vite serving the renderer with the build's plugins, and a
// page opened with a stand-in for the preload's bridge that talks to a real Glow server.
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { rendererConfig } from "../renderer.config.ts";
import type { Account, ApiResponse, GlowBridge, SignInResult } from "../src/shared/bridge.ts";

export async function startVite(): Promise<{ vite: ViteDevServer; url: string }> {
  const vite = await createServer({
    ...rendererConfig(),
    configFile: false,
    server: { host: "127.0.0.1", port: 0, watch: null },
    logLevel: "silent",
  });
  await vite.listen();
  return { vite, url: vite.resolvedUrls!.local[0]! };
}

/**
 * Installs `window.glow` before the page's scripts run. It does what main does, from the
 * page's side: `api.request` and `auth.signIn` call the real server (whose CORS allow-list
 * names the page's origin), and the bearer token stays in this closure, as it stays in
 * main: the app's own code never gets it.
 */
export async function installStubBridge(page: Page, serverUrl: string): Promise<void> {
  await page.addInitScript((initialUrl: string) => {
    let current = initialUrl;
    let token: string | null = null;
    const withToken = (headers: Record<string, string>): Record<string, string> =>
      token ? { ...headers, authorization: `Bearer ${token}` } : headers;

    const bridge: GlowBridge = {
      platform: "test",
      getServerUrl: async () => current,
      setServerUrl: async (url) => {
        if (url !== current) token = null; // main signs out of the old server
        current = url;
        return { ok: true, serverUrl: url };
      },
      auth: {
        status: async () => ({ tokenStored: token !== null, tokenStorage: "memory" }),
        signIn: async (email, password): Promise<SignInResult> => {
          let response: Response;
          try {
            response = await fetch(`${current}/trpc/auth.login`, {
              method: "POST",
              headers: withToken({ "content-type": "application/json" }),
              body: JSON.stringify({ json: { email, password, delivery: "token" } }),
            });
          } catch {
            return { ok: false, error: `Could not reach the Glow server at ${current}`, fieldErrors: {} };
          }
          const payload = (await response.json()) as {
            result?: { data: { json: { token: string; account: Omit<Account, "createdAt"> & { createdAt: string } } } };
            error?: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } };
          };
          if (!payload.result) {
            const failure = payload.error?.json;
            return { ok: false, error: failure?.message ?? "Sign-in failed", fieldErrors: failure?.data.fieldErrors ?? {} };
          }
          const { account, token: issued } = payload.result.data.json;
          token = issued;
          // superjson sent the date as a string; main hands the renderer a real Date.
          return { ok: true, account: { ...account, createdAt: new Date(account.createdAt) } };
        },
        signOut: async () => {
          const ending = token;
          token = null;
          if (!ending) return { endedOnServer: true };
          try {
            const response = await fetch(`${current}/trpc/auth.logout`, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${ending}` },
              body: "{}",
            });
            return { endedOnServer: response.ok };
          } catch {
            return { endedOnServer: false };
          }
        },
      },
      api: {
        request: async ({ path, method, headers, body }): Promise<ApiResponse> => {
          if (!path.startsWith("/trpc/")) throw new Error(`Refused API request: ${path}`);
          const response = await fetch(`${current}${path}`, { method, headers: withToken(headers), body });
          return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
        },
      },
    };
    window.glow = bridge;
  }, serverUrl);
}

export interface OpenedApp {
  page: Page;
  /** Console errors, CSP violations and uncaught exceptions; tests expect none. */
  problems: string[];
}

/**
 * Opens the renderer with the stub bridge. `expectedError` names console errors a test
 * provokes on purpose (Chromium logs a refused login's 401, or a closed port).
 */
export async function openApp(
  browser: Browser,
  pageUrl: string,
  serverUrl: string,
  options: { expectedError?: (message: ConsoleMessage) => boolean } = {},
): Promise<OpenedApp> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    const cspViolation = message.text().includes("Content Security Policy");
    if (cspViolation || (message.type() === "error" && !options.expectedError?.(message))) {
      problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await installStubBridge(page, serverUrl);
  await page.goto(pageUrl);
  return { page, problems };
}
