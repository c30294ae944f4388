// Uploads judged by their bytes: real MP4 and PNG files (testing/fixtures), never their names.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePng, sampleVideo } from "../../testing/fixtures/index.ts";
import { InvalidInputError } from "../errors.ts";
import { contentRefusal, formatBytes, inspectUpload, sniffContentType, tooLargeMessage, VIDEO_CONTENT_TYPES } from "./content.ts";
import { LocalDiskStorage } from "./local-disk.ts";

const MB = 1024 * 1024;
let root: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "glow-content-"));
  storage = new LocalDiskStorage({ root, publicUrl: "http://files.test", secret: "a-test-secret-that-is-32-chars-long!" });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error: unknown) => {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe("file");
      return (error as Error).message;
    },
  );

describe("inspectUpload", () => {
  it("accepts a real MP4 and says what it is", async () => {
    await storage.put("orgs/o1/clip.bin", sampleVideo(), { contentType: "application/octet-stream" });
    expect(await inspectUpload(storage, "orgs/o1/clip.bin", { accept: VIDEO_CONTENT_TYPES, maxBytes: 50 * MB })).toEqual({
      contentType: "video/mp4",
      size: sampleVideo().length,
    });
    expect(await storage.head("orgs/o1/clip.bin")).not.toBeNull();
  });

  it("refuses a PNG renamed .mp4 and sent as video/mp4, and deletes it", async () => {
    await storage.put("orgs/o1/holiday.mp4", samplePng(), { contentType: "video/mp4" });
    expect(await refusal(inspectUpload(storage, "orgs/o1/holiday.mp4", { accept: VIDEO_CONTENT_TYPES, maxBytes: 50 * MB }))).toBe(
      "This file is not a video (it looks like a PNG image).",
    );
    expect(await storage.head("orgs/o1/holiday.mp4")).toBeNull();
  });

  it("refuses a file over the limit with both sizes, and deletes it", async () => {
    await storage.put("orgs/o1/big.mp4", sampleVideo(), { contentType: "video/mp4" });
    expect(await refusal(inspectUpload(storage, "orgs/o1/big.mp4", { accept: VIDEO_CONTENT_TYPES, maxBytes: 4096 }))).toBe(
      "This file is 5.6 KB; the limit is 4 KB.",
    );
    expect(await storage.head("orgs/o1/big.mp4")).toBeNull();
  });

  it("refuses text, an empty file and a missing one in words", async () => {
    await storage.put("orgs/o1/notes.mp4", Buffer.from("just some notes, not a video at all\n".repeat(20)), { contentType: "video/mp4" });
    expect(await refusal(inspectUpload(storage, "orgs/o1/notes.mp4", { accept: VIDEO_CONTENT_TYPES, maxBytes: MB }))).toBe(
      "This file is not a video (we could not tell what kind of file it is).",
    );
    await storage.put("orgs/o1/empty.mp4", Buffer.alloc(0), { contentType: "video/mp4" });
    expect(await refusal(inspectUpload(storage, "orgs/o1/empty.mp4", { accept: VIDEO_CONTENT_TYPES, maxBytes: MB }))).toBe(
      "This file is empty.",
    );
    expect(await refusal(inspectUpload(storage, "orgs/o1/never.mp4", { accept: VIDEO_CONTENT_TYPES, maxBytes: MB }))).toBe(
      "The file did not arrive; upload it again.",
    );
  });

  it("holds images to an image list the same way", async () => {
    await storage.put("orgs/o1/pic.png", samplePng(), { contentType: "image/png" });
    expect(await inspectUpload(storage, "orgs/o1/pic.png", { accept: ["image/png", "image/jpeg"], maxBytes: MB })).toEqual({
      contentType: "image/png",
      size: samplePng().length,
    });
    await storage.put("orgs/o1/clip.mp4", sampleVideo(), { contentType: "video/mp4" });
    expect(await refusal(inspectUpload(storage, "orgs/o1/clip.mp4", { accept: ["image/png", "image/jpeg"], maxBytes: MB }))).toBe(
      "This file is not an image (it looks like an MP4 video).",
    );
  });
});

describe("the words", () => {
  it("says sizes as people read them", () => {
    expect(tooLargeMessage(80 * MB, 50 * MB)).toBe("This file is 80 MB; the limit is 50 MB.");
    expect(tooLargeMessage(50 * MB + 200_000, 50 * MB)).toBe("This file is 50.2 MB; the limit is 50 MB.");
    expect(tooLargeMessage(null, 50 * MB)).toBe("This file is over the 50 MB limit.");
    expect([formatBytes(512), formatBytes(1536), formatBytes(3.5 * MB)]).toEqual(["512 bytes", "1.5 KB", "3.5 MB"]);
  });

  it("names the accepted formats when the kind is right but the format is not", async () => {
    expect(contentRefusal(VIDEO_CONTENT_TYPES, { mime: "video/vnd.avi", ext: "avi" })).toBe(
      "This video is AVI; accepted are MP4, WebM, QuickTime (MOV).",
    );
    expect(contentRefusal(["video/mp4"], { mime: "video/vnd.avi", ext: "avi" }, "family")).toBeNull();
    expect(await sniffContentType(sampleVideo().subarray(0, 64))).toEqual({ mime: "video/mp4", ext: "mp4" });
  });
});
