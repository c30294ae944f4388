import { describe, expect, it, vi } from "vitest";
import type { GlowBridge, QueuedWrite } from "../shared/bridge.ts";
import { bridgeFetch, QueuedWriteError, writeFetch } from "./bridge-fetch.ts";
import { createConnectivity } from "./connectivity.ts";

const QUEUED: QueuedWrite = {
  id: "w",
  procedure: "admin.reset.videos.archive",
  label: "Archive a video",
  queuedAt: "2026-01-01T00:00:00.000Z",
  attempts: 1,
  status: "waiting",
  error: "Could not reach the server",
};

describe("the bridge's fetch", () => {
  it("tells the connectivity state whether main reached the server, but not for main's own refusals", async () => {
    const connectivity = createConnectivity(() => 1_000);
    const request = vi.fn<GlowBridge["api"]["request"]>();
    const fetch = bridgeFetch({ request }, connectivity);

    request.mockRejectedValueOnce(new Error("Error invoking remote method 'glow:api-request': TypeError: fetch failed"));
    await expect(fetch("/trpc/auth.me")).rejects.toThrow();
    expect(connectivity.state()).toEqual({ online: false, offlineSince: 1_000 });

    request.mockRejectedValueOnce(new Error("Refused API request: only /trpc/ paths can be requested"));
    await expect(fetch("/trpc/x")).rejects.toThrow();
    expect(connectivity.state().online).toBe(false);

    request.mockResolvedValueOnce({ status: 200, headers: { "content-type": "application/json" }, body: "[]" });
    expect((await fetch("/trpc/auth.me")).status).toBe(200);
    expect(connectivity.state()).toEqual({ online: true, offlineSince: null });
  });

  it("sends writes through main's queue, and fails with the queued write when main holds it", async () => {
    const send = vi.fn<GlowBridge["writes"]["send"]>();
    const writes = { send } as unknown as GlowBridge["writes"];
    const fetch = writeFetch(writes);
    send.mockResolvedValueOnce({ state: "sent", response: { status: 200, headers: {}, body: '{"result":{}}' } });
    expect(await (await fetch("/trpc/admin.reset.videos.archive", { method: "POST", body: '{"json":{}}' })).text()).toBe('{"result":{}}');
    expect(send).toHaveBeenCalledWith({ path: "/trpc/admin.reset.videos.archive", body: '{"json":{}}' });

    send.mockResolvedValueOnce({ state: "queued", write: QUEUED });
    const failure = await fetch("/trpc/admin.reset.videos.archive", { method: "POST", body: "{}" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueuedWriteError);
    expect((failure as QueuedWriteError).write).toEqual(QUEUED);
    await expect(fetch("/trpc/admin.reset.videos.archive", { method: "GET" })).rejects.toThrow(TypeError);
  });
});
