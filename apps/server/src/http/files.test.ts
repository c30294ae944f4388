// The /files route of the local storage over real HTTP: signed reads with Range (what a <video>
// sends to seek), and the upload target that counts and sniffs the bytes as they arrive.
import http from "node:http";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { LocalDiskStorage } from "@glow/api";
import { samplePng, sampleVideo } from "@glow/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseRange } from "./files.ts";
import { ALLOWED_ORIGIN, startTestServer, type TestServer } from "../testing.ts";

const video = sampleVideo();
const KEY = "orgs/org-a/videos/clip.mp4";
let server: TestServer;
let storage: LocalDiskStorage;

beforeAll(async () => {
  // A request body limit far below the video's size: uploads have their own limit.
  server = await startTestServer({ bodyLimitBytes: 1024 });
  storage = server.services.storage as LocalDiskStorage;
  await storage.put(KEY, video, { contentType: "video/mp4" });
  await storage.put("orgs/org-b/videos/clip.mp4", Buffer.from("org b's own video"), { contentType: "video/mp4" });
});
afterAll(async () => {
  await server.close();
  await rm(storage.root, { recursive: true, force: true });
});

const readUrl = async (key = KEY) => (await storage.signedReadUrl(key)).url;
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** A request exactly as written, unnormalized (fetch would resolve `..` itself). */
function rawGet(target: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: target }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("GET /files/<key>", () => {
  it("streams the file to a valid URL with the headers a player and a cache need", async () => {
    const response = await fetch(await readUrl());
    expect(response.status).toBe(200);
    expect(
      Object.fromEntries(
        ["content-type", "content-length", "accept-ranges", "x-content-type-options"].map((h) => [h, response.headers.get(h)]),
      ),
    ).toEqual({
      "content-type": "video/mp4",
      "content-length": String(video.length),
      "accept-ranges": "bytes",
      "x-content-type-options": "nosniff",
    });
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(response.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(290);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect((await bytes(response)).equals(video)).toBe(true);
  });

  it("answers HEAD with the same headers and no body", async () => {
    const response = await fetch(await readUrl(), { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(video.length));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect((await bytes(response)).length).toBe(0);
  });

  it("answers a Range with 206, the bytes asked for and Content-Range", async () => {
    const url = await readUrl();
    const cases: Array<[string, number, number]> = [
      ["bytes=0-99", 0, 99],
      ["bytes=1000-", 1000, video.length - 1],
      ["bytes=-500", video.length - 500, video.length - 1],
      ["bytes=-999999", 0, video.length - 1],
      ["bytes=5000-999999", 5000, video.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(url, { headers: { range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get("content-range"), range).toBe(`bytes ${start}-${end}/${video.length}`);
      expect(response.headers.get("content-length"), range).toBe(String(end - start + 1));
      expect((await bytes(response)).equals(video.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it("answers a range past the end with 416 and the size", async () => {
    const url = await readUrl();
    for (const range of [`bytes=${video.length}-`, `bytes=${video.length + 10}-${video.length + 20}`, "bytes=-0"]) {
      const response = await fetch(url, { headers: { range } });
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${video.length}`);
      await response.body?.cancel();
    }
  });

  it("serves the whole file for a Range it need not honour (several ranges, another unit, If-Range)", async () => {
    const url = await readUrl();
    for (const headers of [
      { range: "bytes=0-1,5-6" },
      { range: "items=0-1" },
      { range: "bytes=9-3" },
      { range: "bytes=0-9", "if-range": '"x"' },
    ]) {
      const response = await fetch(url, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect((await bytes(response)).length).toBe(video.length);
    }
  });

  it("refuses an expired URL with 403 and says so", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 301_000);
    const { url } = await storage.signedReadUrl(KEY);
    vi.useRealTimers();
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("This link has expired\n");
  });

  it("refuses a URL whose key, expiry or signature was changed with 403", async () => {
    const url = new URL(await readUrl());
    const edits: Array<(u: URL) => void> = [
      (u) => (u.pathname = u.pathname.replace("clip.mp4", "clip2.mp4")),
      (u) => u.searchParams.set("expires", String(Number(u.searchParams.get("expires")) + 600)),
      (u) => u.searchParams.set("signature", `${u.searchParams.get("signature")!.slice(0, -2)}AA`),
      (u) => u.searchParams.delete("signature"),
      (u) => u.searchParams.set("signature", "short"),
    ];
    for (const edit of edits) {
      const edited = new URL(url);
      edit(edited);
      const response = await fetch(edited);
      expect(response.status, edited.toString()).toBe(403);
      expect(await response.text()).toBe("This link is not valid\n");
    }
  });

  it("refuses a URL signed for one organization's file and edited to another's", async () => {
    const url = await readUrl("orgs/org-a/videos/clip.mp4");
    const response = await fetch(url.replace("/orgs/org-a/", "/orgs/org-b/"));
    expect(response.status).toBe(403);
    expect((await bytes(response)).toString()).not.toContain("org b's own video");
  });

  it("answers 404 for a validly signed URL of a file that is not there", async () => {
    const response = await fetch(await readUrl("orgs/org-a/videos/missing.mp4"));
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it("refuses bad keys with 400 and never reads outside the storage", async () => {
    const { search } = new URL(await readUrl());
    for (const target of [
      "/files/..%2F..%2Fetc%2Fpasswd",
      "/files/orgs/a%00b.mp4",
      "/files/%2Fetc%2Fpasswd",
      "/files/orgs/%E0%A4%A",
      "/files/.hidden",
      "/files/",
    ]) {
      const response = await rawGet(`${target}${search}`);
      expect(response.status, target).toBe(400);
      expect(response.body).toBe("Not a valid file key\n");
    }
    // `..` in the path itself is resolved by URL parsing before any route sees it.
    for (const target of ["/files/../../etc/passwd", "/files/orgs/%2e%2e/%2e%2e/etc/passwd"]) {
      const response = await rawGet(`${target}${search}`);
      expect([403, 404], target).toContain(response.status);
      expect(response.body).not.toContain("root:");
    }
  });

  it("refuses other methods with 405", async () => {
    const response = await fetch(await readUrl(), { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, PUT");
    expect(await storage.head(KEY)).not.toBeNull();
  });
});

describe("PUT /files/<key>", () => {
  const uploadUrl = (key: string, maxBytes = 1_000_000, contentType = "video/mp4") =>
    storage.signedUploadUrl(key, { contentType, maxBytes });
  const put = (url: string, body: NonNullable<RequestInit["body"]>, headers: Record<string, string> = { "content-type": "video/mp4" }) =>
    fetch(url, { method: "PUT", headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
  const leftovers = async () => readdir(path.join(storage.root, "tmp")).catch(() => []);

  /** A body of unknown length (chunked), `size` bytes in all, starting with the video. */
  function chunked(size: number): ReadableStream<Uint8Array> {
    let sent = 0;
    return new ReadableStream({
      pull(controller) {
        if (sent >= size) return controller.close();
        const chunk = sent === 0 ? video : Buffer.alloc(Math.min(64 * 1024, size - sent), 1);
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        controller.enqueue(part);
      },
    });
  }

  it("stores an upload (beyond the request body limit) and answers its key, size and type", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/one.mp4");
    const response = await put(upload.url, video, upload.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ key: "orgs/org-a/uploads/one.mp4", size: video.length, contentType: "video/mp4" });
    const back = await fetch(await readUrl("orgs/org-a/uploads/one.mp4"));
    expect((await bytes(back)).equals(video)).toBe(true);
  });

  it("takes a body of unknown length, counting it as it streams", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/chunked.mp4");
    const response = await put(upload.url, chunked(200_000));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ size: 200_000 });
  });

  it("refuses an upload whose Content-Length is over the limit with 413, storing nothing", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/big.mp4", 4096);
    const response = await put(upload.url, video);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "This file is 5.6 KB; the limit is 4 KB." });
    expect(await storage.head("orgs/org-a/uploads/big.mp4")).toBeNull();
  });

  it("stops a streamed upload as soon as it passes the limit, with 413, storing nothing", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/endless.mp4", 100_000);
    const response = await put(upload.url, chunked(5_000_000));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "This file is over the 97.7 KB limit." });
    expect(await storage.head("orgs/org-a/uploads/endless.mp4")).toBeNull();
    expect(await leftovers()).toEqual([]);
  });

  it("refuses a PNG renamed .mp4 and sent as video/mp4 with 415 and a clear message, storing nothing", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/holiday.mp4");
    const response = await put(upload.url, samplePng());
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: "This file is not a video (it looks like a PNG image)." });
    expect(await storage.head("orgs/org-a/uploads/holiday.mp4")).toBeNull();
  });

  it("refuses an empty upload, and one sent as another type than signed", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/empty.mp4");
    expect((await put(upload.url, new Uint8Array(0))).status).toBe(400);
    const other = await put(upload.url, video, { "content-type": "text/html" });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: "This link takes uploads of video/mp4 only" });
    expect(await storage.head("orgs/org-a/uploads/empty.mp4")).toBeNull();
  });

  it("refuses a read URL used to upload, an upload URL used to read, and edited or expired upload URLs", async () => {
    const read = await readUrl("orgs/org-a/uploads/sneaky.mp4");
    expect((await put(read, video)).status).toBe(403);
    const upload = await uploadUrl("orgs/org-a/uploads/sneaky.mp4", 4096);
    expect((await fetch(upload.url)).status).toBe(403);
    const bigger = new URL(upload.url);
    bigger.searchParams.set("maxBytes", "1000000");
    expect((await put(bigger.toString(), video)).status).toBe(403);
    expect((await put(upload.url.replace("/orgs/org-a/", "/orgs/org-b/"), video)).status).toBe(403);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 301_000);
    const late = await uploadUrl("orgs/org-a/uploads/sneaky.mp4");
    vi.useRealTimers();
    expect((await put(late.url, video)).status).toBe(403);
    expect(await storage.head("orgs/org-a/uploads/sneaky.mp4")).toBeNull();
  });

  it("refuses an upload a browser sends from a foreign site, and takes one from the web app", async () => {
    const upload = await uploadUrl("orgs/org-a/uploads/cors.mp4");
    const foreign = await put(upload.url, video, { "content-type": "video/mp4", origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await storage.head("orgs/org-a/uploads/cors.mp4")).toBeNull();
    const own = await put(upload.url, video, { "content-type": "video/mp4", origin: ALLOWED_ORIGIN });
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
  });
});

describe("parseRange", () => {
  it("reads the three forms and ignores what it need not honour", () => {
    expect(parseRange("bytes=0-0", 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange("bytes=9-", 10)).toEqual({ start: 9, end: 9 });
    expect(parseRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange("bytes=10-", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=-", 10)).toBeNull();
    expect(parseRange("bytes=1-2, 4-5", 10)).toBeNull();
    expect(parseRange(undefined, 10)).toBeNull();
  });
});
