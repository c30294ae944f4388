import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expectConsole } from "@glow/test-setup";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTokenStore, TOKEN_FILE } from "./token-store.ts";

/** A stand-in for the OS's encryption: reversible, and never leaves the plain text readable. */
const electron = vi.hoisted(() => {
  const seal = (text: string) => Buffer.concat([Buffer.from("v11"), Buffer.from(text).map((byte) => byte ^ 0x5a)]);
  const unseal = (sealed: Buffer) => {
    if (sealed.subarray(0, 3).toString() !== "v11")
      throw new Error("Error while decrypting the ciphertext provided to safeStorage.decryptString.");
    return Buffer.from(sealed.subarray(3).map((byte) => byte ^ 0x5a)).toString();
  };
  const state = { available: true, backend: "gnome_libsecret", shouldReEncrypt: false };
  return {
    state,
    seal,
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn<() => Promise<boolean>>(async () => state.available),
      getSelectedStorageBackend: vi.fn<() => string>(() => state.backend),
      encryptStringAsync: vi.fn<(text: string) => Promise<Buffer>>(async (text) => seal(text)),
      decryptStringAsync: vi.fn<(sealed: Buffer) => Promise<{ result: string; shouldReEncrypt: boolean }>>(async (sealed) => ({
        result: unseal(sealed),
        shouldReEncrypt: state.shouldReEncrypt,
      })),
    },
  };
});
vi.mock("electron", () => ({ safeStorage: electron.safeStorage }));

const TOKEN = "abcdefghijklmnopqrstuvwxyz234567";
const SESSION = { serverUrl: "https://glow.example", token: TOKEN };

let dir: string;
beforeEach(async () => {
  vi.clearAllMocks();
  Object.assign(electron.state, { available: true, backend: "gnome_libsecret", shouldReEncrypt: false });
  dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-tokens-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const store = () => createTokenStore({ dir });

/** Every file the store left in its folder, with its bytes. */
async function filesOnDisk(): Promise<Array<{ name: string; bytes: Buffer }>> {
  const names = await readdir(dir);
  return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(path.join(dir, name)) })));
}

async function expectNoPlainToken(): Promise<void> {
  for (const { name, bytes } of await filesOnDisk()) {
    expect(bytes.includes(TOKEN), name).toBe(false);
    expect(bytes.includes(Buffer.from(TOKEN).toString("base64")), name).toBe(false);
  }
}

describe("token store", () => {
  it("encrypts the session with safeStorage before it touches the disk, and reads it back after a restart", async () => {
    await store().save(SESSION);

    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledWith(JSON.stringify(SESSION));
    const files = await filesOnDisk();
    expect(files.map((file) => file.name)).toEqual([TOKEN_FILE]);
    expect(files[0]?.bytes.equals(electron.seal(JSON.stringify(SESSION)))).toBe(true);
    await expectNoPlainToken();
    // Readable by the user only (POSIX permissions; Windows reports 0o666 whatever the ACL).
    const mode = (await stat(path.join(dir, TOKEN_FILE))).mode & 0o777;
    expect(mode).toBe(process.platform === "win32" ? 0o666 : 0o600);

    const restarted = store();
    expect(await restarted.read()).toEqual(SESSION);
    expect(electron.safeStorage.decryptStringAsync).toHaveBeenCalledTimes(1);
    expect(await restarted.storage()).toBe("encrypted");
  });

  it("wipes the token from memory and disk", async () => {
    const tokens = store();
    await tokens.save(SESSION);
    await tokens.wipe();
    expect(await tokens.read()).toBeNull();
    expect(await filesOnDisk()).toEqual([]);
    expect(await store().read()).toBeNull();
  });

  it("keeps the token in memory only when the OS offers no encryption, and writes nothing", async () => {
    electron.state.available = false;
    const tokens = store();
    expect(await tokens.storage()).toBe("memory");
    await tokens.save(SESSION);

    expect(await tokens.read()).toEqual(SESSION);
    expect(electron.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(await filesOnDisk()).toEqual([]);
    expect(await store().read()).toBeNull(); // the next run signs in again
  });

  it.runIf(process.platform === "linux")("counts Linux's basic_text fallback (a hard-coded key) as no encryption", async () => {
    electron.state.backend = "basic_text";
    const tokens = store();
    expect(await tokens.storage()).toBe("memory");
    await tokens.save(SESSION);
    expect(await filesOnDisk()).toEqual([]);
    expect(electron.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });

  it("falls back to memory when encrypting fails, removing the previous session's file", async () => {
    const tokens = store();
    await tokens.save({ ...SESSION, token: "an-older-token-of-32-characters!" });
    electron.safeStorage.encryptStringAsync.mockRejectedValueOnce(new Error("keychain locked"));
    const warned = expectConsole("warn", "Could not encrypt the session; keeping it in memory only");

    await tokens.save(SESSION);
    expect(await tokens.read()).toEqual(SESSION);
    expect(await filesOnDisk()).toEqual([]);
    expect(warned.messages.join(" ")).not.toContain(TOKEN);
  });

  it("discards a file it cannot decrypt", async () => {
    await writeFile(path.join(dir, TOKEN_FILE), "not what safeStorage wrote");
    expectConsole("warn", "Discarding a session file that cannot be read");
    expect(await store().read()).toBeNull();
    expect(await filesOnDisk()).toEqual([]);
  });

  it("leaves the file for a later run when encryption is unavailable now (a locked keyring)", async () => {
    await store().save(SESSION);
    electron.state.available = false;
    expect(await store().read()).toBeNull();
    expect((await filesOnDisk()).map((file) => file.name)).toEqual([TOKEN_FILE]);
    electron.state.available = true;
    expect(await store().read()).toEqual(SESSION);
  });

  it("re-encrypts when safeStorage says its key has changed", async () => {
    await store().save(SESSION);
    electron.state.shouldReEncrypt = true;
    vi.clearAllMocks();
    expect(await store().read()).toEqual(SESSION);
    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1);
    await expectNoPlainToken();
  });

  it("applies a save and a wipe in the order they were asked for", async () => {
    const tokens = store();
    await Promise.all([tokens.save(SESSION), tokens.wipe()]);
    expect(await tokens.read()).toBeNull();
    expect(await filesOnDisk()).toEqual([]);
  });
});
