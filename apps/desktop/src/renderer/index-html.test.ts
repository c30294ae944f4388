// The packaged renderer's CSP, as index.html declares it (the dev server relaxes it; the build does not).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

async function directives(): Promise<Map<string, string[]>> {
  const html = await readFile(path.join(import.meta.dirname, "index.html"), "utf8");
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
  if (!csp) throw new Error("index.html has no CSP");
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name = "", ...sources]) => [name, sources]),
  );
}

describe("renderer CSP", () => {
  it("lets the page reach no server: API calls go through the bridge, where main adds the token", async () => {
    expect((await directives()).get("connect-src")).toEqual(["'self'"]);
  });

  it("allows scripts and styles from the app only, and nothing by default", async () => {
    const csp = await directives();
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
  });
});
