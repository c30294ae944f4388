// The server serving a built web app: files, client-side routes, caching, and the page CSP.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_APP_CSP, webAppCsp } from "./http/web-app.ts";
import { startTestServer, type TestServer } from "./testing.ts";

let dist: string;
let server: TestServer;
beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), "glow-web-dist-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), "<!doctype html><title>Glow</title><script type=module src=/assets/app-1a2b.js></script>");
  await writeFile(path.join(dist, "assets", "app-1a2b.js"), "console.log('glow')");
  await writeFile(path.join(dist, "assets", "app-1a2b.js.map"), '{"version":3,"sourcesContent":["secret source"]}');
  server = await startTestServer({ webDistDir: dist });
});
afterAll(async () => {
  await server.close();
  await rm(dist, { recursive: true, force: true });
});

describe("serving the web app", () => {
  it("serves index.html at / with the web app's CSP, revalidated on every load", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<title>Glow</title>");
    expect(response.headers.get("content-security-policy")).toBe(WEB_APP_CSP);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers client-side routes with index.html", async () => {
    for (const route of ["/settings", "/reset-password?token=abc", "/admin/outbox"]) {
      const response = await fetch(`${server.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(await response.text()).toContain("<title>Glow</title>");
    }
  });

  it("serves fingerprinted assets as immutable", async () => {
    const response = await fetch(`${server.url}/assets/app-1a2b.js`);
    expect(await response.text()).toBe("console.log('glow')");
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("leaves the API, health and OAuth routes to the server, with the API's own CSP", async () => {
    const api = await fetch(`${server.url}/trpc/system.info`);
    expect(api.status).toBe(200);
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    expect((await fetch(`${server.url}/health`)).headers.get("content-type")).toContain("application/json");
    expect((await fetch(`${server.url}/auth/oauth/myspace/callback`)).status).toBe(404);
  });

  it("answers 404 for source maps, even one left in the build", async () => {
    for (const map of [
      "/assets/app-1a2b.js.map",
      "/assets/app-1a2b.JS.MAP",
      "/assets/app-1a2b.js.map?x=1",
      "/assets/app-1a2b.js%2emap",
      "/assets/missing.css.map",
    ]) {
      const response = await fetch(`${server.url}${map}`);
      expect(response.status, map).toBe(404);
      expect(await response.text()).not.toContain("secret source");
    }
  });

  it("does not serve files outside the build", async () => {
    const response = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
    expect(await response.text()).not.toContain("root:");
  });
});

describe("the web app's CSP", () => {
  it("lets videos, images and uploads reach the storage's origin (an S3 bucket) and nothing else new", () => {
    const directives = new Map(
      webAppCsp(["https://videos.s3.eu-west-1.amazonaws.com"])
        .split("; ")
        .map((directive) => [directive.split(" ")[0]!, directive] as const),
    );
    expect(directives.get("media-src")).toBe("media-src 'self' https://videos.s3.eu-west-1.amazonaws.com");
    expect(directives.get("connect-src")).toBe("connect-src 'self' https://videos.s3.eu-west-1.amazonaws.com");
    expect(directives.get("img-src")).toContain("https://videos.s3.eu-west-1.amazonaws.com");
    expect(directives.get("script-src")).toBe("script-src 'self'");
    expect(WEB_APP_CSP).toContain("media-src 'self';");
  });
});
