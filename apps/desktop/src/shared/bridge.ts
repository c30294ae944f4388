// The one API the preload script exposes to the renderer as `window.glow`. Main,
// preload and renderer all import it, so the three sides cannot drift apart.
import type { RouterOutputs } from "@glow/api/client";
import type { AppCommand } from "./screens.ts";

/** The IPC channels behind the bridge; the main process answers only these. */
export const IpcChannel = {
  getServerUrl: "glow:get-server-url",
  setServerUrl: "glow:set-server-url",
  authStatus: "glow:auth-status",
  signIn: "glow:auth-sign-in",
  signOut: "glow:auth-sign-out",
  signInWithProvider: "glow:auth-sign-in-with-provider",
  cancelProviderSignIn: "glow:auth-cancel-provider-sign-in",
  apiRequest: "glow:api-request",
  sendWrite: "glow:writes-send",
  listWrites: "glow:writes-list",
  replayWrites: "glow:writes-replay",
  retryWrite: "glow:writes-retry",
  discardWrite: "glow:writes-discard",
  saveCsv: "glow:files-save-csv",
} as const;

/** What main sends to the page unasked (the preload hands them to the page's listeners). */
export const IpcEvent = {
  command: "glow:command",
  writesChanged: "glow:writes-changed",
} as const;

export type ServerUrlUpdate = { ok: true; serverUrl: string } | { ok: false; error: string };

/** The signed-in person as `auth.me` describes them. */
export type Account = NonNullable<RouterOutputs["auth"]["me"]>;

export interface AuthStatus {
  /** Main holds a session token for the current server (it may since have expired on the server). */
  tokenStored: boolean;
  /** "encrypted": on disk, encrypted by the OS (safeStorage). "memory": for this run only, as the OS offers no encryption. */
  tokenStorage: "encrypted" | "memory";
}

/** The token stays in main: the renderer gets the account, or what went wrong. */
export type SignInResult = { ok: true; account: Account } | { ok: false; error: string; fieldErrors: Record<string, string[]> };

export interface SignOutResult {
  /** False when the server could not be told; the token is wiped here all the same. */
  endedOnServer: boolean;
}

/** One HTTP request to the configured server's tRPC endpoint; main adds the session's `Authorization`. */
export interface ApiRequest {
  /** Starts with `/trpc/`; the host is always the configured server's. */
  path: string;
  method: "GET" | "POST";
  /** Only content-type, trpc-accept and x-request-id; anything else is refused. */
  headers: Record<string, string>;
  body: string | null;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const API_REQUEST_LIMITS = {
  /** GET requests carry their input in the URL; tRPC's link splits batches to stay under this. */
  pathLength: 8_192,
  /** The server's own default body limit. */
  bodyBytes: 1_048_576,
} as const;

/** A write waiting in main's queue; the input itself stays in main. */
export interface QueuedWrite {
  id: string;
  procedure: string;
  /** What it does, e.g. "Archive 3 videos". */
  label: string;
  /** ISO 8601. */
  queuedAt: string;
  attempts: number;
  /** "waiting": sent when the server can be reached. "refused": the server said no (4xx); it waits for the user to retry or discard it. */
  status: "waiting" | "refused";
  /** Why the last attempt did not go through. */
  error: string | null;
}

export interface WriteQueueState {
  /** In the order they are sent. */
  writes: QueuedWrite[];
  /** ISO 8601 of the first failed attempt to reach the server since it last answered; null when it answers. */
  offlineSince: string | null;
}

/** A tRPC mutation as tRPC's (unbatched) HTTP link sends it: POST `/trpc/<procedure>` with the serialized input. */
export interface WriteRequest {
  path: string;
  body: string;
}

/** "sent": the server answered (success or refusal, as for any request). "queued": it could not be reached; main sends it later. */
export type WriteOutcome = { state: "sent"; response: ApiResponse } | { state: "queued"; write: QueuedWrite };

export type SaveCsvResult = { saved: true; filePath: string } | { saved: false };

export const CSV_LIMITS = {
  /** A suggested file name. */
  nameLength: 120,
  /** 50 MiB of CSV text. */
  textBytes: 52_428_800,
} as const;

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

export interface GlowBridge {
  /** The operating system, as Node names it ("darwin", "win32", "linux"). */
  readonly platform: string;
  /** The Glow server the app talks to (GLOW_SERVER_URL, else the saved setting, else the default). */
  getServerUrl(): Promise<string>;
  /** Validates and saves a new server URL (signing out of the old one); a refusal comes back as `{ ok: false }`, not a throw. */
  setServerUrl(url: string): Promise<ServerUrlUpdate>;
  readonly auth: {
    status(): Promise<AuthStatus>;
    /** `auth.login` with `delivery: "token"`, called by main, which keeps the token. */
    signIn(email: string, password: string): Promise<SignInResult>;
    /** Wipes the token and the queued writes, and ends the session on the server when it can be reached. */
    signOut(): Promise<SignOutResult>;
    /**
     * Signs in through a provider in the system browser: main opens the server's sign-in
     * page and waits for glow://auth/callback, then exchanges the code with its PKCE
     * verifier. Resolves when that is done, refused, cancelled or timed out.
     */
    signInWithProvider(provider: string): Promise<SignInResult>;
    /** Stops waiting for the browser; the pending signInWithProvider resolves as cancelled. */
    cancelProviderSignIn(): Promise<void>;
  };
  readonly api: {
    /** A `fetch` for tRPC's link: main validates it, adds the bearer token and sends it to the server. */
    request(request: ApiRequest): Promise<ApiResponse>;
  };
  /** Writes that may wait for the server (see shared/writes.ts), kept in order by main. */
  readonly writes: {
    /** Sends now if nothing is queued before it and the server answers; otherwise queues it. */
    send(request: WriteRequest): Promise<WriteOutcome>;
    list(): Promise<WriteQueueState>;
    /** Tries to send the queue now. */
    replay(): Promise<WriteQueueState>;
    /** Puts a refused write back in line and tries again. */
    retry(id: string): Promise<WriteQueueState>;
    discard(id: string): Promise<WriteQueueState>;
    onChange(listener: (state: WriteQueueState) => void): Unsubscribe;
  };
  readonly files: {
    /** Asks where to save (the native save dialog) and writes the CSV there. */
    saveCsv(suggestedName: string, csv: string): Promise<SaveCsvResult>;
  };
  /** Commands from the native menu and the tray. */
  onCommand(listener: (command: AppCommand) => void): Unsubscribe;
}
