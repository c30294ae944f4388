import type { IpcMainInvokeEvent } from "electron";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { IpcChannel } from "../shared/bridge.ts";
import type { ApiProxy } from "./api-proxy.ts";
import type { Auth } from "./auth.ts";
import type { CsvExport } from "./csv-export.ts";
import { registerIpcHandlers } from "./ipc.ts";
import type { ProviderSignIn } from "./oauth.ts";
import type { SettingsStore } from "./settings.ts";
import type { WriteQueue } from "./write-queue.ts";

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
const { handlers } = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock("electron", () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
}));

const settings = {
  serverUrl: vi.fn<SettingsStore["serverUrl"]>(async () => "http://127.0.0.1:3000"),
  setServerUrl: vi.fn<SettingsStore["setServerUrl"]>(async (url) =>
    url === "bad" ? { ok: false, error: "Not a URL" } : { ok: true, serverUrl: String(url) },
  ),
} satisfies SettingsStore;
const auth = {
  status: vi.fn<Auth["status"]>(async () => ({ tokenStored: false, tokenStorage: "encrypted" })),
  signIn: vi.fn<Auth["signIn"]>(async () => ({ ok: false, error: "Email or password is incorrect", fieldErrors: {} })),
  signOut: vi.fn<Auth["signOut"]>(async () => ({ endedOnServer: true })),
  serverChanged: vi.fn<Auth["serverChanged"]>(async () => {}),
} satisfies Auth;
const api = {
  request: vi.fn<ApiProxy["request"]>(async () => ({ status: 200, headers: {}, body: "[]" })),
} satisfies ApiProxy;
const providerSignIn = {
  start: vi.fn<ProviderSignIn["start"]>(async () => ({ ok: false, error: "Sign-in was cancelled", fieldErrors: {} })),
  handleDeepLink: vi.fn<ProviderSignIn["handleDeepLink"]>(async () => false),
  cancel: vi.fn<ProviderSignIn["cancel"]>(),
} satisfies ProviderSignIn;
const emptyQueue = { writes: [], offlineSince: null };
const writes = {
  send: vi.fn<WriteQueue["send"]>(async () => ({ state: "sent", response: { status: 200, headers: {}, body: "{}" } })),
  state: vi.fn<WriteQueue["state"]>(async () => emptyQueue),
  replay: vi.fn<WriteQueue["replay"]>(async () => emptyQueue),
  retry: vi.fn<WriteQueue["retry"]>(async () => emptyQueue),
  discard: vi.fn<WriteQueue["discard"]>(async () => emptyQueue),
  clear: vi.fn<WriteQueue["clear"]>(async () => {}),
  replayEvery: vi.fn<WriteQueue["replayEvery"]>(() => () => {}),
} satisfies WriteQueue;
const csv = {
  save: vi.fn<CsvExport["save"]>(async () => ({ saved: true, filePath: "/tmp/users.csv" })),
} satisfies CsvExport;

const APP_FRAME = "app://glow/index.html";

function invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
  return Promise.resolve().then(() => handler(event, ...args));
}

beforeEach(() => {
  vi.clearAllMocks();
  handlers.clear();
  registerIpcHandlers({ settings, auth, providerSignIn, api, writes, csv }, "app://glow");
});

describe("IPC handlers", () => {
  it("register exactly the bridge's channels", () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(IpcChannel).sort());
  });

  it("answer the app's own frames", async () => {
    expect(await invoke(IpcChannel.getServerUrl, APP_FRAME)).toBe("http://127.0.0.1:3000");
    expect(await invoke(IpcChannel.setServerUrl, APP_FRAME, "https://glow.example")).toEqual({
      ok: true,
      serverUrl: "https://glow.example",
    });
    expect(settings.setServerUrl).toHaveBeenCalledWith("https://glow.example");
    expect(await invoke(IpcChannel.authStatus, APP_FRAME)).toEqual({ tokenStored: false, tokenStorage: "encrypted" });
    await invoke(IpcChannel.signIn, APP_FRAME, "admin@glow.dev", "secret");
    expect(auth.signIn).toHaveBeenCalledWith("admin@glow.dev", "secret");
    expect(await invoke(IpcChannel.signOut, APP_FRAME)).toEqual({ endedOnServer: true });
    const request = { path: "/trpc/auth.me", method: "GET", headers: {}, body: null };
    expect(await invoke(IpcChannel.apiRequest, APP_FRAME, request)).toEqual({ status: 200, headers: {}, body: "[]" });
    expect(api.request).toHaveBeenCalledWith(request);

    expect(await invoke(IpcChannel.signInWithProvider, APP_FRAME, "github")).toMatchObject({ ok: false });
    expect(providerSignIn.start).toHaveBeenCalledWith("github");
    await invoke(IpcChannel.cancelProviderSignIn, APP_FRAME);
    expect(providerSignIn.cancel).toHaveBeenCalled();
    const write = { path: "/trpc/admin.reset.videos.archive", body: "{}" };
    expect(await invoke(IpcChannel.sendWrite, APP_FRAME, write)).toMatchObject({ state: "sent" });
    expect(writes.send).toHaveBeenCalledWith(write);
    for (const channel of [IpcChannel.listWrites, IpcChannel.replayWrites]) expect(await invoke(channel, APP_FRAME)).toEqual(emptyQueue);
    await invoke(IpcChannel.retryWrite, APP_FRAME, "w1");
    await invoke(IpcChannel.discardWrite, APP_FRAME, "w2");
    expect(writes.retry).toHaveBeenCalledWith("w1");
    expect(writes.discard).toHaveBeenCalledWith("w2");
    expect(await invoke(IpcChannel.saveCsv, APP_FRAME, "users.csv", "a,b")).toEqual({ saved: true, filePath: "/tmp/users.csv" });
    expect(csv.save).toHaveBeenCalledWith("users.csv", "a,b");
  });

  it("discard the queued writes at sign-out: they were the signed-out person's", async () => {
    await invoke(IpcChannel.signOut, APP_FRAME);
    expect(auth.signOut).toHaveBeenCalled();
    expect(writes.clear).toHaveBeenCalled();
  });

  it("sign out of the old server once a new server URL is saved (dropping its queued writes), and not when the URL is refused", async () => {
    await invoke(IpcChannel.setServerUrl, APP_FRAME, "https://glow.example");
    expect(auth.serverChanged).toHaveBeenCalledWith("https://glow.example");
    expect(writes.clear).toHaveBeenCalled();
    vi.clearAllMocks();
    expect(await invoke(IpcChannel.setServerUrl, APP_FRAME, "http://127.0.0.1:3000")).toMatchObject({ ok: true });
    expect(writes.clear).not.toHaveBeenCalled(); // the same server: its queue stays
    vi.clearAllMocks();
    expect(await invoke(IpcChannel.setServerUrl, APP_FRAME, "bad")).toEqual({ ok: false, error: "Not a URL" });
    expect(auth.serverChanged).not.toHaveBeenCalled();
    expect(writes.clear).not.toHaveBeenCalled();
  });

  it.each([["https://evil.example/"], ["app://other/index.html"], ["file:///tmp/page.html"], [null]])(
    "refuse a sender frame at %s on every channel",
    async (frameUrl) => {
      for (const channel of Object.values(IpcChannel)) {
        await expect(invoke(channel, frameUrl, "x", "y"), channel).rejects.toThrow(/not part of the Glow app/);
      }
      for (const service of [settings, auth, api, providerSignIn, writes, csv]) {
        for (const method of Object.values(service)) expect(method).not.toHaveBeenCalled();
      }
    },
  );
});
