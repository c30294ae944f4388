// The web app in a real Chromium, served by Vite (its dev proxy included) and talking to
// the real Glow server over a real PostgreSQL of its own.
import { launchBrowser } from "@glow/browser-testing";
import { freePort } from "@glow/db";
import { startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";

const webRoot = new URL("..", import.meta.url).pathname;

export interface WebStack {
  server: TestServer;
  /** The Vite dev server's origin, e.g. http://127.0.0.1:40123 (no trailing slash). */
  webUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the server, then Vite proxying to it, then Chromium. Vite's port is chosen first
 * so the server knows the web origin: it accepts mutations from it (CSRF origin check)
 * and puts it in the links it emails.
 */
export async function startWebStack(
  options: {
    version?: string;
    oauth?: NonNullable<Parameters<typeof startTestServer>[0]>["oauth"];
    /** Log every API request, as production does (the admin metrics read the log). */
    requestLog?: boolean;
  } = {},
): Promise<WebStack> {
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const server = await startTestServer({
    version: options.version ?? "web-e2e",
    webUrl,
    ...(options.oauth ? { oauth: options.oauth } : {}),
    ...(options.requestLog ? { requestLog: true } : {}),
  });
  let vite: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    process.env.GLOW_API_URL = server.url; // read by vite.config.ts for the proxy target
    vite = await createServer({
      root: webRoot,
      configFile: `${webRoot}vite.config.ts`,
      server: { port, strictPort: true, host: "127.0.0.1" },
      logLevel: "silent",
    });
    await vite.listen();
    browser = await launchBrowser();
  } catch (error) {
    await vite?.close();
    await server.close();
    throw error;
  }
  return {
    server,
    webUrl,
    browser,
    async close() {
      await browser?.close();
      await vite?.close();
      await server.close();
    },
  };
}

/**
 * Collects the page's console errors. A refused request (4xx) that the screen shows to
 * the user is expected: Chromium still logs it as "Failed to load resource", so pass the
 * statuses the test provokes on purpose.
 */
export function collectConsoleErrors(page: Page, expectedStatuses: number[] = []): string[] {
  const errors: string[] = [];
  const expected = new RegExp(`^Failed to load resource: the server responded with a status of (${expectedStatuses.join("|") || "none"}) `);
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" && !expected.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
