// How the typed client behaves when things go wrong: retries and request ids.
import { createGlowClient, MAX_CALLS_PER_BATCH, requestIdOf } from "@glow/api/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A fetch that fails on the network the first `failures` times, then behaves. */
function flakyFetch(failures: number) {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push(String(input));
    if (calls.length <= failures) throw new TypeError("fetch failed");
    return fetch(input, init);
  };
  return { fetchImpl, calls };
}

describe("createGlowClient", () => {
  it("retries a query that failed on the network", async () => {
    const { fetchImpl, calls } = flakyFetch(2);
    const glow = createGlowClient({ url: server.url, fetch: fetchImpl });
    expect((await glow.system.info.query()).name).toBe("Glow");
    expect(calls).toHaveLength(3);
  });

  it("splits a burst of calls into batches the server accepts", async () => {
    const sent: string[] = [];
    const counting: typeof fetch = (input, init) => {
      sent.push(String(input));
      return fetch(input, init);
    };
    const glow = createGlowClient({ url: server.url, fetch: counting });
    const answers = await Promise.all(
      Array.from({ length: MAX_CALLS_PER_BATCH + 10 }, (_, i) => glow.system.ping.query({ message: `m${i}` })),
    );
    expect(answers.map((a) => a.message)).toEqual(Array.from({ length: MAX_CALLS_PER_BATCH + 10 }, (_, i) => `m${i}`));
    expect(sent).toHaveLength(2);
  });

  it("gives up after three attempts, and never retries a mutation", async () => {
    const failing = flakyFetch(10);
    await expect(createGlowClient({ url: server.url, fetch: failing.fetchImpl }).system.info.query()).rejects.toThrow();
    expect(failing.calls).toHaveLength(3);

    const once = flakyFetch(1);
    await expect(createGlowClient({ url: server.url, fetch: once.fetchImpl }).auth.logout.mutate()).rejects.toThrow();
    expect(once.calls).toHaveLength(1);
  });

  it("does not retry a refusal, and surfaces the request id to quote", async () => {
    const { fetchImpl, calls } = flakyFetch(0);
    const glow = createGlowClient({ url: server.url, fetch: fetchImpl });
    const error = await glow.auth.sessions.list.query().catch((e: unknown) => e);
    expect(calls).toHaveLength(1);
    expect(requestIdOf(error)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
