// The one API the preload script exposes to the renderer as `window.glow`. Main,
// preload and renderer all import it, so the three sides cannot drift apart.

/** The IPC channels behind the bridge; the main process answers only these. */
export const IpcChannel = {
  getServerUrl: "glow:get-server-url",
  setServerUrl: "glow:set-server-url",
} as const;

export type ServerUrlUpdate = { ok: true; serverUrl: string } | { ok: false; error: string };

export interface GlowBridge {
  /** The operating system, as Node names it ("darwin", "win32", "linux"). */
  readonly platform: string;
  /** The Glow server the app talks to (GLOW_SERVER_URL, else the saved setting, else the default). */
  getServerUrl(): Promise<string>;
  /** Validates and saves a new server URL; a refusal comes back as `{ ok: false }`, not a throw. */
  setServerUrl(url: string): Promise<ServerUrlUpdate>;
}
