// Files in core (decision 021): one Storage interface, local disk or S3, content-checked uploads.
import type { Db } from "@glow/db";
import { LocalDiskStorage } from "./local-disk.ts";
import { S3Storage, type S3StorageOptions } from "./s3.ts";
import { FILES_SIGNING_SECRET_NAME, serverSecret } from "./secret.ts";
import type { Storage } from "./storage.ts";

export { MAX_SIGNED_URL_SECONDS, type ByteRange, type Storage, type StoredObject } from "./storage.ts";
export { isValidKey, keyVisibleTo, libraryKey, orgKey, validKey } from "./keys.ts";
export { LocalDiskStorage, type LocalDiskStorageOptions, type SignedRequestVerdict } from "./local-disk.ts";
export { S3Storage, type S3StorageOptions } from "./s3.ts";
export {
  contentRefusal,
  describeType,
  formatBytes,
  inspectUpload,
  SNIFF_BYTES,
  sniffContentType,
  tooLargeMessage,
  VIDEO_CONTENT_TYPES,
  type SniffedType,
} from "./content.ts";
export { serverSecret, FILES_SIGNING_SECRET_NAME } from "./secret.ts";

/** Exercise videos' default size limit (UPLOAD_MAX_VIDEO_BYTES): 50 MB. */
export const DEFAULT_UPLOAD_MAX_VIDEO_BYTES = 50 * 1024 * 1024;

export type StorageConfig =
  | {
      driver: "local";
      root: string;
      publicUrl: string;
      /** FILES_SIGNING_SECRET; without it the key is made once and kept in server_secrets. */
      signingSecret?: string | null;
    }
  | ({ driver: "s3" } & S3StorageOptions);

/** The storage the configuration names; local disk signs with the configured secret or the database's. */
export function createStorage(config: StorageConfig, db: Db): Storage {
  if (config.driver === "s3") {
    const { driver: _driver, ...options } = config;
    return new S3Storage(options);
  }
  return new LocalDiskStorage({
    root: config.root,
    publicUrl: config.publicUrl,
    secret: config.signingSecret || (() => serverSecret(db, FILES_SIGNING_SECRET_NAME)),
  });
}
