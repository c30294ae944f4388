// Local disk storage on its own: keys that cannot escape the root, and the HMAC-signed URLs the
// server's /files route checks (the route itself is tested in apps/server).
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.ts";
import { createStorage } from "./index.ts";
import { keyVisibleTo, orgKey, validKey } from "./keys.ts";
import { LocalDiskStorage } from "./local-disk.ts";

const SECRET = "a-test-secret-that-is-32-chars-long!";
let root: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "glow-local-disk-"));
  storage = new LocalDiskStorage({ root, publicUrl: "http://files.test/", secret: SECRET });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const BAD_KEYS = [
  "",
  "/etc/passwd",
  "../secret",
  "orgs/../../x",
  "a//b",
  "a/./b",
  "a\0b",
  ".hidden",
  "a/.git/config",
  "a\\b",
  "a b",
  "%2e%2e",
  "a/",
  "x".repeat(129),
];

describe("keys", () => {
  it.each(BAD_KEYS)("refuses %j on field key, before any file is touched", async (key) => {
    expect(() => validKey(key)).toThrow(InvalidInputError);
    await expect(storage.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({ field: "key" });
    await expect(storage.head(key)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(storage.read(key)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(storage.signedReadUrl(key)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("keeps every file inside the root", async () => {
    await storage.put("orgs/o1/videos/clip.mp4", Buffer.from("video"), { contentType: "video/mp4" });
    const files = await readdir(root, { recursive: true });
    expect(files.map((file) => path.join(root, file)).every((file) => file.startsWith(`${root}${path.sep}`))).toBe(true);
    await storage.delete("orgs/o1/videos/clip.mp4");
    expect(await readdir(path.join(root, "objects"))).toEqual([]); // empty folders go too
  });

  it("names an organization's folder and the library as what a member may see", () => {
    const key = orgKey("org-a", "videos", "clip.mp4");
    expect(key).toBe("orgs/org-a/videos/clip.mp4");
    expect(keyVisibleTo(key, "org-a")).toBe(true);
    expect(keyVisibleTo(key, "org-b")).toBe(false);
    expect(keyVisibleTo("library/exercises/squat.mp4", "org-b")).toBe(true);
    expect(keyVisibleTo("orgs/org-a-2/x.mp4", "org-a")).toBe(false);
    expect(() => orgKey("../org", "x")).toThrow(InvalidInputError);
  });
});

describe("signed URLs", () => {
  const query = (url: string) => new URL(url).searchParams;

  it("points at the server's /files route and expires in five minutes at most", async () => {
    const before = Date.now();
    const { url, expiresAt } = await storage.signedReadUrl("orgs/o1/a.mp4", { expiresInSeconds: 3600 });
    expect(url).toMatch(/^http:\/\/files\.test\/files\/orgs\/o1\/a\.mp4\?expires=\d+&signature=[\w-]{43}$/);
    expect(expiresAt.getTime() - before).toBeLessThanOrEqual(300_000);
    expect(expiresAt.getTime() - before).toBeGreaterThan(298_000);
    expect((await storage.signedReadUrl("orgs/o1/a.mp4", { expiresInSeconds: 30 })).expiresAt.getTime() - before).toBeLessThanOrEqual(
      30_000,
    );
    await expect(storage.signedReadUrl("orgs/o1/a.mp4", { expiresInSeconds: 0 })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("verifies its own read URL until it expires", async () => {
    const { url, expiresAt } = await storage.signedReadUrl("orgs/o1/a.mp4");
    expect(await storage.verify("GET", "orgs/o1/a.mp4", query(url))).toEqual({ ok: true, key: "orgs/o1/a.mp4", expiresAt, upload: null });
    expect(await storage.verify("GET", "orgs/o1/a.mp4", query(url), expiresAt.getTime())).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a URL whose key, expiry or signature was changed, or that was signed with another secret", async () => {
    const { url } = await storage.signedReadUrl("orgs/org-a/videos/a.mp4");
    const params = query(url);
    expect(await storage.verify("GET", "orgs/org-b/videos/a.mp4", params)).toEqual({ ok: false, reason: "invalid" });
    const later = new URLSearchParams(params);
    later.set("expires", String(Number(params.get("expires")) + 3600));
    expect(await storage.verify("GET", "orgs/org-a/videos/a.mp4", later)).toEqual({ ok: false, reason: "invalid" });
    const flipped = new URLSearchParams(params);
    const signature = params.get("signature")!;
    flipped.set("signature", (signature[0] === "A" ? "B" : "A") + signature.slice(1));
    expect(await storage.verify("GET", "orgs/org-a/videos/a.mp4", flipped)).toEqual({ ok: false, reason: "invalid" });
    const other = new LocalDiskStorage({ root, publicUrl: "http://files.test", secret: `${SECRET}-other` });
    expect(await other.verify("GET", "orgs/org-a/videos/a.mp4", params)).toEqual({ ok: false, reason: "invalid" });
    expect(await storage.verify("GET", "orgs/org-a/videos/a.mp4", new URLSearchParams())).toEqual({ ok: false, reason: "invalid" });
  });

  it("signs an upload for one content type and size limit, and never as a read", async () => {
    const upload = await storage.signedUploadUrl("orgs/o1/up.mp4", { contentType: "Video/MP4", maxBytes: 1000 });
    expect(upload).toMatchObject({ method: "PUT", headers: { "content-type": "video/mp4" } });
    const params = query(upload.url);
    expect(await storage.verify("PUT", "orgs/o1/up.mp4", params)).toMatchObject({
      ok: true,
      upload: { contentType: "video/mp4", maxBytes: 1000 },
    });
    expect(await storage.verify("GET", "orgs/o1/up.mp4", params)).toEqual({ ok: false, reason: "invalid" });
    for (const [name, value] of [
      ["maxBytes", "1000000"],
      ["contentType", "text/html"],
    ] as const) {
      const edited = new URLSearchParams(params);
      edited.set(name, value);
      expect(await storage.verify("PUT", "orgs/o1/up.mp4", edited)).toEqual({ ok: false, reason: "invalid" });
    }
    const read = await storage.signedReadUrl("orgs/o1/up.mp4");
    expect(await storage.verify("PUT", "orgs/o1/up.mp4", query(read.url))).toEqual({ ok: false, reason: "invalid" });
    await expect(storage.signedUploadUrl("orgs/o1/up.mp4", { contentType: "video/mp4\nx", maxBytes: 1 })).rejects.toMatchObject({
      field: "contentType",
    });
    await expect(storage.signedUploadUrl("orgs/o1/up.mp4", { contentType: "video/mp4", maxBytes: 0 })).rejects.toMatchObject({
      field: "maxBytes",
    });
  });
});

describe("the signing key kept in the database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("is made once and shared, so a URL one instance signs is good on another", async () => {
    const first = createStorage({ driver: "local", root, publicUrl: "http://a.test" }, database.db) as LocalDiskStorage;
    const { url } = await first.signedReadUrl("orgs/o1/a.mp4");
    const db2 = createDb({ url: database.url, poolSize: 1 }); // another instance on the same database
    try {
      const second = createStorage({ driver: "local", root, publicUrl: "http://a.test" }, db2) as LocalDiskStorage;
      expect(await second.verify("GET", "orgs/o1/a.mp4", new URL(url).searchParams)).toMatchObject({ ok: true });
    } finally {
      await db2.$disconnect();
    }
    expect(await database.db.serverSecret.count({ where: { name: "files_signing" } })).toBe(1);
    // FILES_SIGNING_SECRET, when set, is the key instead.
    const configured = createStorage(
      { driver: "local", root, publicUrl: "http://a.test", signingSecret: SECRET },
      database.db,
    ) as LocalDiskStorage;
    expect(await configured.verify("GET", "orgs/o1/a.mp4", new URL(url).searchParams)).toEqual({ ok: false, reason: "invalid" });
  });
});

it("reads a file stored without its metadata as application/octet-stream", async () => {
  await storage.put("orgs/o1/bare.bin", Buffer.from("abc"), { contentType: "text/plain" });
  await writeFile(path.join(root, "meta", "orgs/o1/bare.bin.json"), "{}");
  expect(await storage.head("orgs/o1/bare.bin")).toEqual({ key: "orgs/o1/bare.bin", size: 3, contentType: "application/octet-stream" });
});
