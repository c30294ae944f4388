// What the renderer tests share: Vite serving the renderer with the build's plugins, and a
// page opened with a stand-in for the preload's bridge that talks to a real Glow server.
import { launchBrowser } from "@glow/browser-testing";
import { seedDemo } from "@glow/db";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { rendererConfig } from "../renderer.config.ts";
import type { Account, ApiResponse, GlowBridge, QueuedWrite, SignInResult, WriteQueueState } from "../src/shared/bridge.ts";
import type { AppCommand } from "../src/shared/screens.ts";

/**
 * What the stub bridge lets a test do from outside the app: cut the network, send a menu
 * command, and see the CSV files the app "saved".
 */
export interface StubControls {
  offline: boolean;
  savedCsv: Array<{ name: string; csv: string }>;
  command(command: AppCommand): void;
}

declare global {
  interface Window {
    glowTest?: StubControls;
  }
}

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

/** What a renderer test runs against: the renderer on Vite, a real server that lets its origin in, and Chromium. */
export interface DesktopStack {
  pageUrl: string;
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startDesktopStack(
  options: { demoData?: boolean; requestLog?: boolean; version?: string } = {},
): Promise<DesktopStack> {
  const { vite, url: pageUrl } = await startVite();
  const server = await startTestServer({
    corsOrigins: [new URL(pageUrl).origin],
    ...(options.requestLog ? { requestLog: true } : {}),
    ...(options.version ? { version: options.version } : {}),
  });
  if (options.demoData) await seedDemo(server.database.db, { nodeEnv: "test" });
  const browser = await launchBrowser();
  return {
    pageUrl,
    server,
    browser,
    async close() {
      await browser.close();
      await vite.close();
      await server.close();
    },
  };
}

/**
 * Installs `window.glow` before the page's scripts run. It does what main does, from the
 * page's side: `api.request` and `auth.signIn` call the real server (whose CORS allow-list
 * names the page's origin), and the bearer token stays in this closure, as it stays in
 * main: the app's own code never gets it. With `storedToken` the bridge starts as main does
 * with a saved session.
 */
export async function installStubBridge(page: Page, serverUrl: string, storedToken: string | null = null): Promise<void> {
  await page.addInitScript(
    ({ initialUrl, initialToken }: { initialUrl: string; initialToken: string | null }) => {
      let current = initialUrl;
      let token: string | null = initialToken;
      const withToken = (headers: Record<string, string>): Record<string, string> =>
        token ? { ...headers, authorization: `Bearer ${token}` } : headers;
      const commandListeners = new Set<(command: AppCommand) => void>();
      const controls: StubControls = {
        offline: false,
        savedCsv: [],
        command: (command) => commandListeners.forEach((listener) => listener(command)),
      };
      window.glowTest = controls;
      // The network as main sees it; `offline` makes every request fail as an unplugged cable would.
      const network = (url: string, init: RequestInit): Promise<Response> => {
        if (controls.offline) return Promise.reject(new TypeError("Failed to fetch"));
        return fetch(url, init);
      };

      // Main's write queue, in miniature: in order, one Idempotency-Key per write, kept until the server answers.
      type Queued = QueuedWrite & { path: string; body: string; key: string };
      const queue: Queued[] = [];
      let offlineSince: string | null = null;
      const queueListeners = new Set<(state: WriteQueueState) => void>();
      const queueState = (): WriteQueueState => ({
        writes: queue.map(({ id, procedure, label, queuedAt, attempts, status, error }) => ({
          id,
          procedure,
          label,
          queuedAt,
          attempts,
          status,
          error,
        })),
        offlineSince,
      });
      const queueChanged = () => queueListeners.forEach((listener) => listener(queueState()));
      const attempt = async (write: Queued): Promise<ApiResponse | null> => {
        write.attempts += 1;
        try {
          const response = await network(`${current}${write.path}`, {
            method: "POST",
            headers: withToken({ "content-type": "application/json", "idempotency-key": write.key }),
            body: write.body,
          });
          offlineSince = null;
          return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
        } catch {
          offlineSince ??= new Date().toISOString();
          write.error = "Could not reach the server";
          return null;
        }
      };
      const drain = async (): Promise<void> => {
        while (queue[0] && queue[0].status === "waiting") {
          const answer = await attempt(queue[0]);
          if (!answer) break;
          if (answer.status >= 400) {
            queue[0].status = "refused";
            queue[0].error = `The server answered ${answer.status}`;
            break;
          }
          queue.shift();
        }
        queueChanged();
      };

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
              response = await network(`${current}/trpc/auth.login`, {
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
              const response = await network(`${current}/trpc/auth.logout`, {
                method: "POST",
                headers: { "content-type": "application/json", authorization: `Bearer ${ending}` },
                body: "{}",
              });
              return { endedOnServer: response.ok };
            } catch {
              return { endedOnServer: false };
            } finally {
              queue.length = 0;
              queueChanged();
            }
          },
          signInWithProvider: async () => ({ ok: false, error: "Provider sign-in needs the app's main process", fieldErrors: {} }),
          cancelProviderSignIn: async () => {},
        },
        api: {
          request: async ({ path, method, headers, body }): Promise<ApiResponse> => {
            if (!path.startsWith("/trpc/")) throw new Error(`Refused API request: ${path}`);
            const response = await network(`${current}${path}`, { method, headers: withToken(headers), body });
            return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
          },
        },
        writes: {
          send: async ({ path, body }) => {
            const procedure = path.replace("/trpc/", "");
            const write: Queued = {
              id: crypto.randomUUID(),
              procedure,
              label: procedure,
              queuedAt: new Date().toISOString(),
              attempts: 0,
              status: "waiting",
              error: null,
              path,
              body,
              key: crypto.randomUUID(),
            };
            queue.push(write);
            if (queue[0] === write) {
              const answer = await attempt(write);
              if (answer) {
                queue.shift();
                queueChanged();
                return { state: "sent", response: answer };
              }
            }
            queueChanged();
            return { state: "queued", write: queueState().writes.find((queued) => queued.id === write.id)! };
          },
          list: async () => queueState(),
          replay: async () => {
            await drain();
            return queueState();
          },
          retry: async (id) => {
            const write = queue.find((queued) => queued.id === id);
            if (write) write.status = "waiting";
            await drain();
            return queueState();
          },
          discard: async (id) => {
            const index = queue.findIndex((queued) => queued.id === id);
            if (index >= 0) queue.splice(index, 1);
            queueChanged();
            return queueState();
          },
          onChange: (listener) => {
            queueListeners.add(listener);
            return () => queueListeners.delete(listener);
          },
        },
        files: {
          saveCsv: async (name, csv) => {
            controls.savedCsv.push({ name, csv });
            return { saved: true, filePath: `/home/test/Downloads/${name}` };
          },
        },
        onCommand: (listener) => {
          commandListeners.add(listener);
          return () => commandListeners.delete(listener);
        },
      };
      window.glow = bridge;
    },
    { initialUrl: serverUrl, initialToken: storedToken },
  );
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
  options: {
    expectedError?: (message: ConsoleMessage) => boolean;
    viewport?: { width: number; height: number };
    /** A session token main would have saved: the app opens signed in. */
    storedToken?: string;
  } = {},
): Promise<OpenedApp> {
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  const problems: string[] = [];
  page.on("console", (message) => {
    const cspViolation = message.text().includes("Content Security Policy");
    if (cspViolation || (message.type() === "error" && !options.expectedError?.(message))) {
      problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await installStubBridge(page, serverUrl, options.storedToken ?? null);
  await page.goto(pageUrl);
  return { page, problems };
}

/**
 * A session token for `email`, got as main gets one (auth.login with `delivery: "token"`)
 * but without the sign-in form: tests about other screens start signed in
 * (admin-users.test.ts tests the form, built-app.test.ts signing in through main).
 */
export async function signInDirectly(serverUrl: string, email: string, password: string): Promise<string> {
  const response = await callTrpc(serverUrl, "auth.login", { type: "mutation", input: { email, password, delivery: "token" } });
  if (response.status !== 200) throw new Error(`signing ${email} in failed: ${response.status} ${JSON.stringify(response.error)}`);
  return (response.data as { token: string }).token;
}

/** Opens the renderer already signed in as `person` (see signInDirectly), once it shows the account. */
export async function openAppSignedIn(
  browser: Browser,
  pageUrl: string,
  serverUrl: string,
  person: { email: string; password: string },
  options: Omit<Parameters<typeof openApp>[3], "storedToken"> = {},
): Promise<OpenedApp> {
  const storedToken = await signInDirectly(serverUrl, person.email, person.password);
  const opened = await openApp(browser, pageUrl, serverUrl, { ...options, storedToken });
  await opened.page.getByTestId("account-name").waitFor({ timeout: 10_000 });
  return opened;
}
