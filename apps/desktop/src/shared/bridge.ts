// The one API the preload script exposes to the renderer as `window.glow`. Main,
// preload and renderer all import it, so the three sides cannot drift apart.
import type { RouterOutputs } from "@glow/api/client";

/** The IPC channels behind the bridge; the main process answers only these. */
export const IpcChannel = {
  getServerUrl: "glow:get-server-url",
  setServerUrl: "glow:set-server-url",
  authStatus: "glow:auth-status",
  signIn: "glow:auth-sign-in",
  signOut: "glow:auth-sign-out",
  apiRequest: "glow:api-request",
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
export type SignInResult =
  | { ok: true; account: Account }
  | { ok: false; error: string; fieldErrors: Record<string, string[]> };

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
    /** Wipes the token, and ends the session on the server when it can be reached. */
    signOut(): Promise<SignOutResult>;
  };
  readonly api: {
    /** A `fetch` for tRPC's link: main validates it, adds the bearer token and sends it to the server. */
    request(request: ApiRequest): Promise<ApiResponse>;
  };
}
