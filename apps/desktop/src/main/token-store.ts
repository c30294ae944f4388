// The session token, kept by the main process only. On disk it is always encrypted by the
// OS (Electron's safeStorage); when the OS offers no encryption it lives in memory for this
// run and the user signs in again next time. It is never written in plain text.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { safeStorage } from "electron";

export const TOKEN_FILE = "session.bin";

/** A token and the server that issued it: it is only ever sent back to that server. */
export interface StoredSession {
  serverUrl: string;
  token: string;
}

export interface TokenStore {
  /** Where a token saved now would be kept. */
  storage(): Promise<"encrypted" | "memory">;
  read(): Promise<StoredSession | null>;
  save(session: StoredSession): Promise<void>;
  /** Forgets the token, in memory and on disk. */
  wipe(): Promise<void>;
}

function parseSession(text: string): StoredSession | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { serverUrl, token } = value as Record<string, unknown>;
    return typeof serverUrl === "string" && typeof token === "string" && token !== "" ? { serverUrl, token } : null;
  } catch {
    return null;
  }
}

/**
 * Whether safeStorage really encrypts. On Linux without a keyring Electron falls back to
 * "basic_text", a key hard-coded in Chromium: no better than plain text, so it counts as none.
 * The async API is used because Electron 45 deprecates the synchronous one.
 */
async function encryptionAvailable(): Promise<boolean> {
  if (process.platform === "linux" && safeStorage.getSelectedStorageBackend() === "basic_text") return false;
  return safeStorage.isAsyncEncryptionAvailable();
}

export function createTokenStore(options: { dir: string }): TokenStore {
  const file = path.join(options.dir, TOKEN_FILE);
  /** undefined until the file has been read once. */
  let current: StoredSession | null | undefined;
  // One operation at a time, so a sign-out cannot interleave with a save.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  }

  async function writeEncrypted(session: StoredSession): Promise<void> {
    const encrypted = await safeStorage.encryptStringAsync(JSON.stringify(session));
    await mkdir(options.dir, { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file; readable by the user only.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, encrypted, { mode: 0o600 });
    await rename(temporary, file);
  }

  async function load(): Promise<StoredSession | null> {
    if (current !== undefined) return current;
    current = null;
    let encrypted: Buffer;
    try {
      encrypted = await readFile(file);
    } catch {
      return null; // never signed in, or signed out
    }
    // Kept for a later run that can decrypt it (a keyring that is locked now, for instance).
    if (!(await encryptionAvailable())) return null;
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
      current = parseSession(result);
      if (!current) throw new Error("damaged session file");
      if (shouldReEncrypt) await writeEncrypted(current);
    } catch (error) {
      console.warn("Discarding a session file that cannot be read", error instanceof Error ? error.message : error);
      current = null;
      await rm(file, { force: true });
    }
    return current;
  }

  return {
    async storage() {
      return (await encryptionAvailable()) ? "encrypted" : "memory";
    },
    read: () => serially(load),
    save: (session) =>
      serially(async () => {
        current = session;
        if (await encryptionAvailable()) {
          try {
            await writeEncrypted(session);
            return;
          } catch (error) {
            console.warn("Could not encrypt the session; keeping it in memory only", error instanceof Error ? error.message : error);
          }
        }
        // Memory only: a file left by an earlier session must not outlive this sign-in.
        await rm(file, { force: true });
      }),
    wipe: () =>
      serially(async () => {
        current = null;
        await rm(file, { force: true });
      }),
  };
}
