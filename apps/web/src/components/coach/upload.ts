// PUTs a file to a signed upload URL with XMLHttpRequest, the one browser API that reports
// upload progress. The file server answers refusals (413 too big, 415 not a video, 403 a
// spent link) as JSON `{ error }` in words fit to show.

export interface UploadTarget {
  url: string;
  method: "PUT";
  headers: Record<string, string>;
}

export class UploadRefused extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "UploadRefused";
    this.status = status;
  }
}

/** What a refusal's body says, or a sentence for its status when it says nothing readable. */
export function refusalMessage(status: number, body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = (parsed as { error?: unknown } | null)?.error;
    if (typeof error === "string" && error) return error;
  } catch {
    // not JSON: fall through to the text itself
  }
  const text = body.trim();
  if (text && text.length <= 300 && !text.startsWith("<")) return text;
  if (status === 413) return "This file is too big.";
  if (status === 415) return "This file is not a video.";
  if (status === 403) return "The upload link has expired. Choose the file again.";
  return `The upload failed (${status}).`;
}

/** Sends `file`; `onProgress` gets the bytes sent so far. Resolves when stored, rejects with UploadRefused or a network Error. */
export function uploadFile(
  target: UploadTarget,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) {
      // The browser sets these itself and refuses to be told.
      if (!["content-length", "host"].includes(name.toLowerCase())) request.setRequestHeader(name, value);
    }
    request.upload.addEventListener("progress", (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else reject(new UploadRefused(request.status, refusalMessage(request.status, request.responseText)));
    });
    // A refusal that closes the connection mid-upload (413 with "connection: close") can surface as a network error.
    request.addEventListener("error", () => reject(new Error("The upload was interrupted. Check your connection and try again.")));
    request.addEventListener("abort", () => reject(new DOMException("The upload was cancelled", "AbortError")));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
