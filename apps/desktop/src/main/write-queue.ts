// Writes that can wait for the server (shared/writes.ts), held by main in the order they
// were made and kept in userData so they survive a restart. Each gets an Idempotency-Key
// once, when it enters the queue; every attempt sends that same key, so a write the server
// ran but whose answer was lost is not run again (the server replays its stored answer).
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { API_REQUEST_LIMITS, type ApiResponse, type QueuedWrite, type WriteOutcome, type WriteQueueState } from "../shared/bridge.ts";
import { describeWrite, isQueueable } from "../shared/writes.ts";
import type { Fetch } from "./server-fetch.ts";
import type { SettingsStore } from "./settings.ts";
import type { TokenStore } from "./token-store.ts";

export const WRITE_QUEUE_FILE = "write-queue.json";
const IDEMPOTENCY_HEADER = "idempotency-key";
/** Response headers the page has no use for (as in api-proxy.ts). */
const HIDDEN_RESPONSE_HEADERS = new Set(["set-cookie", "set-cookie2"]);

export class WriteRefused extends Error {
  constructor(reason: string) {
    super(`Refused write: ${reason}`);
  }
}

/** What main keeps; the page sees only the QueuedWrite part. */
interface StoredWrite extends QueuedWrite {
  serverUrl: string;
  idempotencyKey: string;
  path: string;
  body: string;
}

/** What one attempt to send a write came to. */
type Attempt =
  | { kind: "sent"; response: ApiResponse }
  /** No answer at all: the server is down or unreachable. */
  | { kind: "unreachable" }
  /** The server answered but could not do it now (5xx, 409 for a duplicate still running, 429, 408). */
  | { kind: "later"; response: ApiResponse }
  /** No session for this server, or it has expired (401). */
  | { kind: "signed-out"; response: ApiResponse | null }
  /** The server said no (4xx): sending it again would not change that. */
  | { kind: "refused"; response: ApiResponse };

export interface ReplayReport {
  /** Queued writes that went through, in order. */
  sent: QueuedWrite[];
  /** The write the server refused; the queue stops there until it is retried or discarded. */
  refused: QueuedWrite | null;
}

export interface WriteQueue {
  send(request: unknown): Promise<WriteOutcome>;
  state(): Promise<WriteQueueState>;
  replay(): Promise<WriteQueueState>;
  retry(id: unknown): Promise<WriteQueueState>;
  discard(id: unknown): Promise<WriteQueueState>;
  /** Forgets every queued write (sign-out, another server). */
  clear(): Promise<void>;
  /** Replays every `intervalMs` while writes wait; returns a function that stops it. */
  replayEvery(intervalMs: number): () => void;
}

export interface WriteQueueOptions {
  dir: string;
  settings: Pick<SettingsStore, "serverUrl">;
  tokens: Pick<TokenStore, "read">;
  fetch: Fetch;
  onChange?: (state: WriteQueueState) => void;
  onReplayed?: (report: ReplayReport) => void;
  /** Replaced in tests. */
  newId?: () => string;
  now?: () => Date;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The procedure and input of what tRPC's unbatched link sends; throws WriteRefused. */
export function checkWriteRequest(request: unknown): { procedure: string; path: string; body: string; input: unknown } {
  if (!isRecord(request)) throw new WriteRefused("not a request");
  const { path: requestPath, body } = request;
  if (typeof requestPath !== "string" || !requestPath.startsWith("/trpc/")) throw new WriteRefused("only /trpc/ paths can be sent");
  const procedure = requestPath.slice("/trpc/".length);
  if (!isQueueable(procedure)) throw new WriteRefused(`${procedure.slice(0, 100)} cannot be queued`);
  if (typeof body !== "string") throw new WriteRefused("the body must be a string");
  if (Buffer.byteLength(body) > API_REQUEST_LIMITS.bodyBytes) throw new WriteRefused("the body is too large");
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new WriteRefused("the body is not JSON");
  }
  // superjson's envelope: { json, meta? }.
  return { procedure, path: requestPath, body, input: isRecord(parsed) ? parsed.json : undefined };
}

/** The server's own words for a refusal: tRPC's message, or its first field error. */
export function refusalMessage(response: ApiResponse): string {
  try {
    const payload: unknown = JSON.parse(response.body);
    const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
    const shape = error && isRecord(error.json) ? error.json : error;
    if (shape && typeof shape.message === "string") {
      const fieldErrors = isRecord(shape.data) && isRecord(shape.data.fieldErrors) ? shape.data.fieldErrors : {};
      const first = Object.entries(fieldErrors).find(([, messages]) => Array.isArray(messages) && messages.length > 0);
      return first ? `${first[0]}: ${String((first[1] as unknown[])[0])}` : shape.message;
    }
    if (isRecord(payload) && typeof payload.error === "string") return payload.error;
  } catch {
    // not JSON: fall through
  }
  return `The server answered ${response.status}`;
}

function isStoredWrite(value: unknown): value is StoredWrite {
  if (!isRecord(value)) return false;
  const strings = ["id", "procedure", "label", "queuedAt", "serverUrl", "idempotencyKey", "path", "body"] as const;
  return (
    strings.every((key) => typeof value[key] === "string") &&
    typeof value.attempts === "number" &&
    (value.status === "waiting" || value.status === "refused") &&
    (value.error === null || typeof value.error === "string")
  );
}

function publicView({ id, procedure, label, queuedAt, attempts, status, error }: StoredWrite): QueuedWrite {
  return { id, procedure, label, queuedAt, attempts, status, error };
}

export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const file = path.join(options.dir, WRITE_QUEUE_FILE);
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? (() => new Date());
  let writes: StoredWrite[] | null = null;
  let offlineSince: string | null = null;

  // One operation at a time: the queue's order is the order writes reach the server.
  let chain: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task);
    chain = run.catch(() => {});
    return run;
  }

  async function load(): Promise<StoredWrite[]> {
    if (writes) return writes;
    try {
      const saved: unknown = JSON.parse(await readFile(file, "utf8"));
      const list = isRecord(saved) && Array.isArray(saved.writes) ? saved.writes : [];
      writes = list.filter(isStoredWrite);
    } catch {
      writes = []; // none yet, or unreadable: start empty rather than refuse to start
    }
    return writes;
  }

  async function persist(): Promise<void> {
    const list = await load();
    if (list.length === 0) {
      await rm(file, { force: true });
      return;
    }
    await mkdir(options.dir, { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file; the user's eyes only.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ version: 1, writes: list })}\n`, { mode: 0o600 });
    await rename(temporary, file);
  }

  async function snapshot(): Promise<WriteQueueState> {
    return { writes: (await load()).map(publicView), offlineSince };
  }

  async function changed(): Promise<WriteQueueState> {
    await persist();
    const state = await snapshot();
    options.onChange?.(state);
    return state;
  }

  async function attempt(write: StoredWrite): Promise<Attempt> {
    const session = await options.tokens.read();
    if (!session || session.serverUrl !== write.serverUrl) return { kind: "signed-out", response: null };
    let response: Response;
    let body: string;
    try {
      response = await options.fetch(new URL(`${write.serverUrl}${write.path}`), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [IDEMPOTENCY_HEADER]: write.idempotencyKey,
          authorization: `Bearer ${session.token}`,
        },
        body: write.body,
      });
      body = await response.text();
    } catch {
      return { kind: "unreachable" };
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HIDDEN_RESPONSE_HEADERS.has(name)) headers[name] = value;
    });
    const answer: ApiResponse = { status: response.status, headers, body };
    if (response.ok) return { kind: "sent", response: answer };
    if (response.status === 401) return { kind: "signed-out", response: answer };
    if (response.status >= 500 || response.status === 409 || response.status === 429 || response.status === 408)
      return { kind: "later", response: answer };
    return { kind: "refused", response: answer };
  }

  /**
   * Sends waiting writes from the head of the queue until one cannot go through. The write
   * the page is waiting for (`directId`) leaves the queue with whatever the server answered,
   * as any request would; only "no answer at all" (or a duplicate still running) keeps it.
   */
  async function drain(directId: string | null): Promise<ApiResponse | null> {
    const list = await load();
    const report: ReplayReport = { sent: [], refused: null };
    let direct: ApiResponse | null = null;
    const serverUrl = await options.settings.serverUrl();
    while (list.length > 0) {
      const write = list[0]!;
      if (write.status === "refused") break;
      if (write.serverUrl !== serverUrl) {
        write.status = "refused";
        write.error = `Queued for ${write.serverUrl}; the app now uses another server`;
        report.refused = publicView(write);
        break;
      }
      const result = await attempt(write);
      write.attempts += 1;
      if (result.kind !== "unreachable") offlineSince = null;
      if (write.id === directId && "response" in result && result.response && result.response.status !== 409) {
        list.shift();
        direct = result.response;
        break;
      }
      if (result.kind === "sent") {
        list.shift();
        report.sent.push(publicView(write));
        continue;
      }
      if (result.kind === "unreachable") {
        offlineSince ??= now().toISOString();
        write.error = "Could not reach the server";
      } else if (result.kind === "later") {
        write.error = `The server answered ${result.response.status}; trying again later`;
      } else if (result.kind === "signed-out") {
        write.error = "Sign in again to send this";
      } else {
        write.status = "refused";
        write.error = refusalMessage(result.response);
        report.refused = publicView(write);
      }
      break;
    }
    await changed();
    if (report.sent.length > 0 || report.refused) options.onReplayed?.(report);
    return direct;
  }

  function findIndex(list: StoredWrite[], id: unknown): number {
    return typeof id === "string" ? list.findIndex((write) => write.id === id) : -1;
  }

  const queue: WriteQueue = {
    async send(request) {
      const checked = checkWriteRequest(request);
      const serverUrl = await options.settings.serverUrl();
      return serially(async () => {
        const write: StoredWrite = {
          id: newId(),
          procedure: checked.procedure,
          label: describeWrite(checked.procedure, checked.input),
          queuedAt: now().toISOString(),
          attempts: 0,
          status: "waiting",
          error: null,
          serverUrl,
          idempotencyKey: newId(),
          path: checked.path,
          body: checked.body,
        };
        const list = await load();
        // Known to be unreachable, with writes already waiting: queue it now and leave the trying to the timer.
        const waitBehind = offlineSince !== null && list.length > 0;
        list.push(write);
        if (waitBehind) {
          await changed();
          return { state: "queued", write: publicView(write) };
        }
        await persist();
        const response = await drain(write.id);
        if (response) return { state: "sent", response };
        const queued = list.find((entry) => entry.id === write.id);
        return { state: "queued", write: publicView(queued ?? write) };
      });
    },
    state: () => serially(snapshot),
    replay: () =>
      serially(async () => {
        await drain(null);
        return snapshot();
      }),
    retry: (id) =>
      serially(async () => {
        const list = await load();
        const index = findIndex(list, id);
        if (index >= 0) {
          // A new key: the server keeps its answers to a key for a day, refusals included, so
          // the old one would only bring the same refusal back. A refused write did not run.
          list[index] = { ...list[index]!, status: "waiting", error: null, idempotencyKey: newId() };
          await drain(null);
        }
        return snapshot();
      }),
    discard: (id) =>
      serially(async () => {
        const list = await load();
        const index = findIndex(list, id);
        if (index >= 0) {
          list.splice(index, 1);
          return changed();
        }
        return snapshot();
      }),
    clear: () =>
      serially(async () => {
        (await load()).length = 0;
        offlineSince = null;
        await changed();
      }),
    replayEvery(intervalMs) {
      let running = false;
      const timer = setInterval(() => {
        if (running || !writes?.some((write) => write.status === "waiting")) return;
        running = true;
        queue
          .replay()
          .catch((error: unknown) => console.warn("Could not replay queued writes", error))
          .finally(() => (running = false));
      }, intervalMs);
      timer.unref?.();
      return () => clearInterval(timer);
    },
  };
  // Loaded early, so the timer knows about writes left from the last run.
  void serially(load);
  return queue;
}
