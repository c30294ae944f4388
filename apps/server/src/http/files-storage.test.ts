// One contract, both storages: local disk (its signed URLs served by this server's /files route)
// and S3 (through the AWS SDK against s3rver, a real S3-compatible server started here).
import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { LocalDiskStorage, S3Storage, type Storage } from "@glow/api";
import { sampleVideo, startS3rver, type LocalS3 } from "@glow/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

interface Subject {
  storage: Storage;
  close(): Promise<void>;
}

const subjects: Array<[string, () => Promise<Subject>]> = [
  [
    "local disk, served by /files",
    async () => {
      const server = await startTestServer();
      const storage = server.services.storage as LocalDiskStorage;
      return {
        storage,
        async close() {
          await server.close();
          await rm(storage.root, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    "S3 (s3rver)",
    async () => {
      const s3 = await startS3rver();
      const storage = new S3Storage({
        endpoint: s3.endpoint,
        region: s3.region,
        bucket: s3.bucket,
        credentials: s3.credentials,
        forcePathStyle: true,
      });
      return {
        storage,
        async close() {
          await storage.close();
          await s3.close();
        },
      };
    },
  ],
];

const video = sampleVideo();
async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Signed as if it were ten minutes ago: a URL that expired five minutes since. */
async function signedInThePast<T>(sign: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() - 10 * 60_000);
  try {
    return await sign();
  } finally {
    vi.useRealTimers();
  }
}

describe.each(subjects)("storage contract: %s", (_name, startSubject) => {
  let subject: Subject;
  let storage: Storage;
  beforeAll(async () => {
    subject = await startSubject();
    storage = subject.storage;
  });
  afterAll(() => subject.close());

  it("stores a buffer and gives back its size, type and bytes", async () => {
    expect(await storage.put("orgs/a/videos/clip.mp4", video, { contentType: "video/mp4" })).toEqual({
      key: "orgs/a/videos/clip.mp4",
      size: video.length,
      contentType: "video/mp4",
    });
    expect(await storage.head("orgs/a/videos/clip.mp4")).toEqual({
      key: "orgs/a/videos/clip.mp4",
      size: video.length,
      contentType: "video/mp4",
    });
    expect((await text(await storage.read("orgs/a/videos/clip.mp4"))).equals(video)).toBe(true);
  });

  it("stores a stream of unknown length, counting it as it passes", async () => {
    const chunks = [video.subarray(0, 1000), video.subarray(1000, 4000), video.subarray(4000)];
    expect(await storage.put("orgs/a/videos/streamed.mp4", Readable.from(chunks), { contentType: "video/mp4" })).toMatchObject({
      size: video.length,
    });
    expect((await text(await storage.read("orgs/a/videos/streamed.mp4"))).equals(video)).toBe(true);
  });

  it("reads byte ranges, inclusive at both ends, the end clamped to the last byte", async () => {
    const read = async (start: number, end: number) => text(await storage.read("orgs/a/videos/clip.mp4", { start, end }));
    expect((await read(0, 9)).equals(video.subarray(0, 10))).toBe(true);
    expect((await read(100, 199)).equals(video.subarray(100, 200))).toBe(true);
    expect((await read(video.length - 10, video.length + 1000)).equals(video.subarray(video.length - 10))).toBe(true);
    await expect(storage.read("orgs/a/videos/clip.mp4", { start: video.length, end: video.length + 5 })).rejects.toMatchObject({
      field: "range",
    });
    await expect(storage.read("orgs/a/videos/clip.mp4", { start: 10, end: 5 })).rejects.toMatchObject({ field: "range" });
  });

  it("says a missing object is missing, and deleting it is no error", async () => {
    expect(await storage.head("orgs/a/videos/nothing.mp4")).toBeNull();
    await expect(storage.read("orgs/a/videos/nothing.mp4")).rejects.toMatchObject({ name: "NotFoundError" });
    await expect(storage.delete("orgs/a/videos/nothing.mp4")).resolves.toBeUndefined();
  });

  it("replaces an object put again, and forgets it once deleted", async () => {
    await storage.put("orgs/a/notes.txt", Buffer.from("first"), { contentType: "text/plain" });
    await storage.put("orgs/a/notes.txt", Buffer.from("second, longer"), { contentType: "text/plain" });
    expect((await text(await storage.read("orgs/a/notes.txt"))).toString()).toBe("second, longer");
    await storage.delete("orgs/a/notes.txt");
    expect(await storage.head("orgs/a/notes.txt")).toBeNull();
  });

  it("keeps nothing of a body that fails half-way", async () => {
    const failing = Readable.from(
      (async function* () {
        yield video.subarray(0, 1000);
        throw new Error("connection lost");
      })(),
    );
    await expect(storage.put("orgs/a/videos/broken.mp4", failing, { contentType: "video/mp4" })).rejects.toThrow();
    expect(await storage.head("orgs/a/videos/broken.mp4")).toBeNull();
  });

  it("refuses keys that could name another place, whichever the backend", async () => {
    for (const key of ["../a", "/a", "orgs/a/../b", "a\0b"]) {
      await expect(storage.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({ field: "key" });
      await expect(storage.signedReadUrl(key)).rejects.toMatchObject({ field: "key" });
    }
  });

  it("signs a read URL a browser can GET, with ranges, for five minutes at most", async () => {
    const { url, expiresAt } = await storage.signedReadUrl("orgs/a/videos/clip.mp4", { expiresInSeconds: 3600 });
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await whole.arrayBuffer()).equals(video)).toBe(true);
    const part = await fetch(url, { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(100, 200))).toBe(true);
  });

  it("refuses an expired URL and one edited to another tenant's key with 403", async () => {
    await storage.put("orgs/b/videos/clip.mp4", video, { contentType: "video/mp4" });
    const expired = await signedInThePast(() => storage.signedReadUrl("orgs/a/videos/clip.mp4"));
    expect((await fetch(expired.url)).status).toBe(403);
    const { url } = await storage.signedReadUrl("orgs/a/videos/clip.mp4");
    const edited = url.replace("orgs/a/", "orgs/b/");
    expect(edited).not.toBe(url);
    expect((await fetch(edited)).status).toBe(403);
  });

  it("signs an upload URL a browser can PUT its file to, with the content type it was signed for", async () => {
    const upload = await storage.signedUploadUrl("orgs/a/uploads/new.mp4", { contentType: "video/mp4", maxBytes: 1_000_000 });
    expect(upload.method).toBe("PUT");
    const wrongType = await fetch(upload.url, { method: "PUT", headers: { "content-type": "text/html" }, body: video });
    expect(wrongType.status).toBe(403);
    expect(await storage.head("orgs/a/uploads/new.mp4")).toBeNull();
    const response = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: video });
    expect(response.status).toBe(200);
    expect(await storage.head("orgs/a/uploads/new.mp4")).toEqual({
      key: "orgs/a/uploads/new.mp4",
      size: video.length,
      contentType: "video/mp4",
    });
    const expired = await signedInThePast(() =>
      storage.signedUploadUrl("orgs/a/uploads/late.mp4", { contentType: "video/mp4", maxBytes: 1_000_000 }),
    );
    expect((await fetch(expired.url, { method: "PUT", headers: expired.headers, body: video })).status).toBe(403);
    expect(await storage.head("orgs/a/uploads/late.mp4")).toBeNull();
  });

  it("answers a signed URL of a deleted object with 404", async () => {
    const { url } = await storage.signedReadUrl("orgs/b/videos/clip.mp4");
    await storage.delete("orgs/b/videos/clip.mp4");
    expect((await fetch(url)).status).toBe(404);
  });
});

describe("the /files route with S3 storage", () => {
  let s3: LocalS3;
  let server: TestServer;
  beforeAll(async () => {
    s3 = await startS3rver();
    server = await startTestServer({
      storage: () =>
        new S3Storage({ endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, credentials: s3.credentials, forcePathStyle: true }),
    });
  });
  afterAll(async () => {
    await server.close();
    await (server.services.storage as S3Storage).close();
    await s3.close();
  });

  it("serves nothing: presigned URLs point at the bucket", async () => {
    await server.services.storage.put("orgs/a/x.mp4", video, { contentType: "video/mp4" });
    const { url } = await server.services.storage.signedReadUrl("orgs/a/x.mp4");
    expect(url.startsWith(s3.endpoint)).toBe(true);
    expect((await fetch(`${server.url}/files/orgs/a/x.mp4`)).status).toBe(404);
  });
});
