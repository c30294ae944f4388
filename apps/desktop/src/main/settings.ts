// The user's settings, kept as JSON in Electron's userData folder.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ServerUrlUpdate } from "../shared/bridge.ts";
import { InvalidUrlError, parseHttpUrl } from "./http-url.ts";

export const SETTINGS_FILE = "settings.json";
/** Where `pnpm --filter @glow/server dev` listens. */
export const DEFAULT_SERVER_URL = "http://127.0.0.1:3000";

interface SavedSettings {
  serverUrl?: string;
}

export interface SettingsStore {
  serverUrl(): Promise<string>;
  setServerUrl(input: unknown): Promise<ServerUrlUpdate>;
}

function savedServerUrl(settings: SavedSettings): string | null {
  try {
    return parseHttpUrl(settings.serverUrl);
  } catch {
    return null; // a hand-edited or damaged value falls back to the default
  }
}

export function createSettingsStore(options: { dir: string; serverUrlOverride: string | null }): SettingsStore {
  const file = path.join(options.dir, SETTINGS_FILE);
  let writes: Promise<unknown> = Promise.resolve();

  async function read(): Promise<SavedSettings> {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
      return typeof parsed === "object" && parsed !== null ? (parsed as SavedSettings) : {};
    } catch {
      return {}; // missing or unreadable: start from the defaults rather than refuse to start
    }
  }

  async function write(settings: SavedSettings): Promise<void> {
    await mkdir(options.dir, { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`);
    await rename(temporary, file);
  }

  return {
    async serverUrl() {
      return options.serverUrlOverride ?? savedServerUrl(await read()) ?? DEFAULT_SERVER_URL;
    },
    async setServerUrl(input) {
      if (options.serverUrlOverride) {
        return { ok: false, error: "GLOW_SERVER_URL is set and takes precedence; unset it to change the server here" };
      }
      let serverUrl: string;
      try {
        serverUrl = parseHttpUrl(input);
      } catch (error) {
        if (error instanceof InvalidUrlError) return { ok: false, error: error.message };
        throw error;
      }
      // One write at a time, so two quick saves cannot interleave their read-modify-write.
      const saved = writes.then(async () => write({ ...(await read()), serverUrl }));
      writes = saved.catch(() => {});
      await saved;
      return { ok: true, serverUrl };
    },
  };
}
