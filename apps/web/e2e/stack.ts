// The web app in a real Chromium, served by Vite (its dev proxy included) and talking to
// the real Glow server over a real PostgreSQL of its own.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureLibraryVideos, LocalDiskStorage, seedCoachDemo, seedPublishDemo } from "@glow/api";
import { launchBrowser } from "@glow/browser-testing";
import { freePort, seedDemo } from "@glow/db";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
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
    /** Seed the demo accounts and catalog. */
    demoData?: boolean;
    /** Publish: offer the local sandbox platform and seed its demo workspace (Glow Studio, on Pro). */
    publishDemo?: boolean;
  } = {},
): Promise<WebStack> {
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const files = await mkdtemp(path.join(os.tmpdir(), "glow-web-files-"));
  const server = await startTestServer({
    version: options.version ?? "web-e2e",
    webUrl,
    // As in production (PUBLIC_URL defaults to WEB_URL), signed file URLs point at the web app's origin, where Vite proxies /files.
    storage: () => new LocalDiskStorage({ root: files, publicUrl: webUrl, secret: randomBytes(32) }),
    ...(options.oauth ? { oauth: options.oauth } : {}),
    ...(options.requestLog ? { requestLog: true } : {}),
    ...(options.publishDemo ? { sandboxPlatform: true } : {}),
  });
  if (options.publishDemo) await seedPublishDemo(server.services);
  if (options.demoData) {
    await seedDemo(server.database.db, { nodeEnv: "test" });
    await seedCoachDemo(server.database.db); // as the server seeds its demo data (runtime.ts)
    await ensureLibraryVideos(server.services.storage); // the server does it at start (runtime.ts)
  }
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
    await rm(files, { recursive: true, force: true });
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
      await rm(files, { recursive: true, force: true });
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

type BrowserCookie = Parameters<BrowserContext["addCookies"]>[0][number];

/** A Set-Cookie line as Playwright's cookie for the page's host (cookies ignore the port). */
function browserCookie(line: string, webUrl: string): BrowserCookie {
  const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
  const separator = pair.indexOf("=");
  const attribute = (name: string) => attributes.find((a) => a.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const sameSite = attribute("samesite")?.toLowerCase();
  const maxAge = attribute("max-age");
  return {
    name: pair.slice(0, separator),
    value: pair.slice(separator + 1),
    domain: new URL(webUrl).hostname,
    path: attribute("path") ?? "/",
    httpOnly: attributes.some((a) => a.toLowerCase() === "httponly"),
    secure: attributes.some((a) => a.toLowerCase() === "secure"),
    sameSite: sameSite === "strict" ? "Strict" : sameSite === "none" ? "None" : "Lax",
    ...(maxAge ? { expires: Math.floor(Date.now() / 1000) + Number(maxAge) } : {}),
  };
}

/**
 * Signs the page's browser in without the sign-in form, so that tests about other screens
 * do not each pass through it (auth.test.ts tests the form itself): auth.login over HTTP
 * (auth.register when a name is given), sent from the web app's origin as the form sends
 * it, and the cookies it sets put into the page's context. The page then opens signed in.
 */
export async function signInDirectly(
  page: Page,
  where: { serverUrl: string; webUrl: string },
  person: { email: string; password: string; name?: string },
): Promise<void> {
  const { name, ...credentials } = person;
  const response = await callTrpc(where.serverUrl, name ? "auth.register" : "auth.login", {
    type: "mutation",
    input: name ? { ...credentials, name } : credentials,
    origin: where.webUrl,
  });
  if (response.status !== 200) throw new Error(`signing ${person.email} in failed: ${response.status} ${JSON.stringify(response.error)}`);
  await page.context().addCookies(response.headers.getSetCookie().map((line) => browserCookie(line, where.webUrl)));
}
