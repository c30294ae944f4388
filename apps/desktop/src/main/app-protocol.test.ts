import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Protocol } from "electron";
import { describe, expect, it, vi } from "vitest";
import { registerAppScheme, resolveAppFile, serveRenderer } from "./app-protocol.ts";

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn<Protocol["registerSchemesAsPrivileged"]>(), handle: vi.fn<Protocol["handle"]>() },
  net: { fetch: vi.fn<(url: string) => Promise<Response>>(async () => new Response("file body")) },
}));
vi.mock("electron", () => electron);

const rendererDir = path.resolve("/opt/glow/out/renderer");

describe("app:// scheme", () => {
  it("is registered as a standard, secure scheme the page can fetch from", () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it("maps URLs to files inside the renderer folder", () => {
    expect(resolveAppFile(rendererDir, "app://glow/")).toBe(path.join(rendererDir, "index.html"));
    expect(resolveAppFile(rendererDir, "app://glow/index.html")).toBe(path.join(rendererDir, "index.html"));
    expect(resolveAppFile(rendererDir, "app://glow/assets/index-abc.js")).toBe(path.join(rendererDir, "assets", "index-abc.js"));
    // The URL parser resolves dot segments (also %2e%2e) before we see the path.
    expect(resolveAppFile(rendererDir, "app://glow/%2e%2e/%2e%2e/etc/passwd")).toBe(path.join(rendererDir, "etc", "passwd"));
  });

  it.each([
    "app://glow/..%2f..%2fmain%2findex.js",
    "app://glow/assets/..%2f..%2f..%2fsecret",
    "app://glow/%00index.html",
    "app://other/index.html",
    "https://glow/index.html",
    "app://glow/%E0%A4%A",
  ])("serves nothing for %s", (url) => {
    expect(resolveAppFile(rendererDir, url)).toBeNull();
  });

  it("streams the file for a good URL and answers 404 otherwise", async () => {
    serveRenderer(rendererDir);
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] ?? [];
    expect(scheme).toBe("app");
    const request = (url: string) => Promise.resolve(handler?.({ url } as Request));

    await request("app://glow/index.html");
    expect(electron.net.fetch).toHaveBeenCalledWith(pathToFileURL(path.join(rendererDir, "index.html")).toString());

    const refused = await request("app://glow/..%2f..%2fmain%2findex.js");
    expect(refused?.status).toBe(404);
    expect(electron.net.fetch).toHaveBeenCalledTimes(1);
  });
});
