// Production storage: any S3-compatible service through the AWS SDK. Browsers read and upload
// with presigned GetObject / PutObject URLs straight to the bucket (decision 021).
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
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

const missing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === "NotFound" || error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404);

export class S3Storage implements Storage {
  readonly kind = "s3";
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Checksums only where S3 demands them: otherwise presigned PUTs would demand a checksum
      // header browsers do not send, and not every S3-compatible service speaks the new ones.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
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
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key, Body, ContentType: contentType } }).done();
    return { key, size, contentType };
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const object = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: validKey(key) }));
      return { key, size: object.ContentLength ?? 0, contentType: object.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<NodeJS.ReadableStream> {
    let Range: string | undefined;
    if (range) {
      // Checked here as local disk checks it, so both answer a bad range alike.
      const object = await this.head(key);
      if (!object) throw new NotFoundError("No such file");
      const { start, end } = rangeWithin(range, object.size);
      Range = `bytes=${start}-${end}`;
    }
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: validKey(key), ...(Range ? { Range } : {}) }));
      return object.Body as Readable;
    } catch (error) {
      if (missing(error)) throw new NotFoundError("No such file");
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: validKey(key) }));
  }

  async signedReadUrl(key: string, options: { expiresInSeconds?: number } = {}): Promise<{ url: string; expiresAt: Date }> {
    const expiresIn = signedUrlSeconds(options.expiresInSeconds);
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + expiresIn) * 1000);
    const url = await getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: validKey(key) }), { expiresIn });
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
    const contentType = mimeType(options.contentType);
    maxBytesOption(options.maxBytes);
    const expiresIn = signedUrlSeconds(options.expiresInSeconds);
    const expiresAt = new Date((Math.floor(Date.now() / 1000) + expiresIn) * 1000);
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: validKey(key), ContentType: contentType });
    const url = await getSignedUrl(this.client, command, { expiresIn, signableHeaders: new Set(["content-type"]) });
    return { url, method: "PUT", headers: { "content-type": contentType }, expiresAt };
  }
}
