// Browser tests drive Debian's Chromium through playwright-core (never a downloaded
// browser: these machines cannot fetch one). CI installs it and sets
// GLOW_REQUIRE_BROWSER=1, so there a missing Chromium fails the run instead of skipping.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium executable, or null when none is installed. */
export const chromiumPath: string | null = candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;

if (!chromiumPath && process.env.GLOW_REQUIRE_BROWSER === "1") {
  throw new Error("GLOW_REQUIRE_BROWSER=1 but no Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH)");
}

/** Suffix for a describe() name, saying plainly why its browser tests are skipped. */
export const browserSkipNote = chromiumPath ? "" : " (skipped: Chromium not installed; apt-get install -y chromium)";

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error("Chromium is not installed");
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Where test runs save screenshots: <repo>/test-results/screenshots. */
export async function screenshotPath(name: string): Promise<string> {
  const dir = path.resolve(import.meta.dirname, "../../test-results/screenshots");
  await mkdir(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
