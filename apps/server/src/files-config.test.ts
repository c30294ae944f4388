// Which storage the environment chooses (decision 021), and what it refuses.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, storageConfig } from "./env.ts";

describe("storage configuration", () => {
  it("is local disk under GLOW_DATA_DIR/files by default, with URLs on PUBLIC_URL and a 50 MB video limit", () => {
    const env = loadEnv({ GLOW_DATA_DIR: "/srv/glow", PUBLIC_URL: "https://glow.example" });
    expect(storageConfig(env)).toEqual({
      driver: "local",
      root: path.join("/srv/glow", "files"),
      publicUrl: "https://glow.example",
      signingSecret: null,
    });
    expect(env.UPLOAD_MAX_VIDEO_BYTES).toBe(50 * 1024 * 1024);
    expect(storageConfig(loadEnv({ FILES_SIGNING_SECRET: "s".repeat(32) }))).toMatchObject({ signingSecret: "s".repeat(32) });
  });

  it("is a bucket when STORAGE_DRIVER=s3", () => {
    const env = loadEnv({
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "glow-media",
      S3_ENDPOINT: "http://minio:9000",
      S3_FORCE_PATH_STYLE: "1",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
    });
    expect(storageConfig(env)).toEqual({
      driver: "s3",
      bucket: "glow-media",
      region: "us-east-1",
      endpoint: "http://minio:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(storageConfig(loadEnv({ STORAGE_DRIVER: "s3", S3_BUCKET: "bkt", S3_REGION: "eu-west-1" }))).toEqual({
      driver: "s3",
      bucket: "bkt",
      region: "eu-west-1",
      forcePathStyle: false,
    });
  });

  it("refuses an S3 driver without a bucket, half a key pair, a short signing secret and an unknown driver", () => {
    expect(() => loadEnv({ STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3/);
    expect(() => loadEnv({ S3_ACCESS_KEY_ID: "id" })).toThrow(/set both or neither/);
    expect(() => loadEnv({ FILES_SIGNING_SECRET: "short" })).toThrow(/FILES_SIGNING_SECRET: at least 32 characters/);
    expect(() => loadEnv({ STORAGE_DRIVER: "ftp" })).toThrow(EnvError);
    expect(() => loadEnv({ UPLOAD_MAX_VIDEO_BYTES: "0" })).toThrow(/UPLOAD_MAX_VIDEO_BYTES/);
  });
});
