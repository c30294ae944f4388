// Production storage: any S3-compatible service through the AWS SDK. Browsers read and upload
// with presigned GetObject / PutObject URLs straight to the bucket (decision 021).
import type { S3Client } from "@aws-sdk/client-s3";
import { PassThrough, Readable } from "node:stream";
import { NotFoundError } from "../errors.ts";
import { validKey } from "./keys.ts";
import { maxBytesOption, mimeType, rangeWithin, signedUrlSeconds, type ByteRange, type Storage, type StoredObject } from "./storage.ts";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, a local test server); AWS itself needs none. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible services need. */
  forcePathStyle?: boolean;
  /** Without them the SDK's default chain is used (environment, instance role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const missing = (error: unknown) => {
  const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === "NotFound" || name === "NoSuchKey" || $metadata?.httpStatusCode === 404;
};

// The SDK is loaded on first use: importing it takes about a second and 40 MB, which the
// embedded default (local disk) and every process that never touches S3 should not pay.
async function loadSdk() {
  const [s3, storage, presigner] = await Promise.all([
    import("@aws-sdk/client-s3"),
    import("@aws-sdk/lib-storage"),
    import("@aws-sdk/s3-request-presigner"),
  ]);
  return { ...s3, Upload: storage.Upload, getSignedUrl: presigner.getSignedUrl };
}
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

export class S3Storage implements Storage {
  readonly kind = "s3";
  private readonly options: S3StorageOptions;
  private readonly bucket: string;
  private connection: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(options: S3StorageOptions) {
    this.options = options;
    this.bucket = options.bucket;
  }

  private connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.connection ??= loadSdk().then((sdk) => {
      const { region, endpoint, forcePathStyle, credentials } = this.options;
      const client = new sdk.S3Client({
        region,
        ...(endpoint ? { endpoint } : {}),
        forcePathStyle: forcePathStyle ?? false,
        ...(credentials ? { credentials } : {}),
        // Checksums only where S3 demands them: otherwise presigned PUTs would demand a checksum
        // header browsers do not send, and not every S3-compatible service speaks the new ones.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      });
      return { sdk, client };
    });
    return this.connection;
  }

  /** Closes the SDK's connections (tests; a server just exits). */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection) (await connection).client.destroy();
  }

  async put(key: string, body: Buffer | NodeJS.ReadableStream, options: { contentType: string }): Promise<StoredObject> {
    const Key = validKey(key);
    const contentType = mimeType(options.contentType);
    let size = 0;
    let Body: Buffer | Readable;
    if (Buffer.isBuffer(body)) {
      size = body.length;
      Body = body;
    } else {
      // Counted on the way through; lib-storage sends a stream of unknown length in parts.
      const counted = new PassThrough();
      counted.on("data", (chunk: Buffer) => (size += chunk.length));
      const source = body instanceof Readable ? body : Readable.from(body as AsyncIterable<Buffer>);
      source.on("error", (error) => counted.destroy(error));
      Body = source.pipe(counted);
    }
    const { sdk, client } = await this.connect();
    await new sdk.Upload({ client, params: { Bucket: this.bucket, Key, Body, ContentType: contentType } }).done();
    return { key, size, contentType };
  }

  async head(key: string): Promise<StoredObject | null> {
    const Key = validKey(key);
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { key, size: object.ContentLength ?? 0, contentType: object.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    const Key = validKey(key);
    let Range: string | undefined;
    if (range) {
      // Checked here as local disk checks it, so both answer a bad range alike.
      const object = await this.head(key);
      if (!object) throw new NotFoundError("No such file");
      const { start, end } = rangeWithin(range, object.size);
      Range = `bytes=${start}-${end}`;
    }
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key, ...(Range ? { Range } : {}) }));
      return object.Body as Readable;
    } catch (error) {
      if (missing(error)) throw new NotFoundError("No such file");
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const Key = validKey(key);
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }));
  }

  async signedReadUrl(key: string, options: { expiresInSeconds?: number } = {}): Promise<{ url: string; expiresAt: Date }> {
    const Key = validKey(key);
    const expiresIn = signedUrlSeconds(options.expiresInSeconds);
    const { sdk, client } = await this.connect();
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + expiresIn) * 1000);
    const url = await sdk.getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: this.bucket, Key }), { expiresIn });
    return { url, expiresAt };
  }

  /**
   * A presigned PutObject with the content type signed in. A presigned PUT cannot carry a size
   * range (only a POST policy can), so maxBytes is enforced after the upload: inspectUpload
   * measures the object and deletes it when it is too big.
   */
  async signedUploadUrl(
    key: string,
    options: { contentType: string; maxBytes: number; expiresInSeconds?: number },
  ): Promise<{ url: string; method: "PUT"; headers: Record<string, string>; expiresAt: Date }> {
    const Key = validKey(key);
    const contentType = mimeType(options.contentType);
    maxBytesOption(options.maxBytes);
    const expiresIn = signedUrlSeconds(options.expiresInSeconds);
    const { sdk, client } = await this.connect();
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + expiresIn) * 1000);
    const command = new sdk.PutObjectCommand({ Bucket: this.bucket, Key, ContentType: contentType });
    const url = await sdk.getSignedUrl(client, command, { expiresIn, signableHeaders: new Set(["content-type"]) });
    return { url, method: "PUT", headers: { "content-type": contentType }, expiresAt };
  }
}
