import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { expect, it } from "vitest";
import { startTestServer } from "./testing.ts";

it("drains in-flight requests on close and refuses new connections", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const requestStarted = new Promise<void>((resolve) => (started = resolve));
  const t = initTRPC.create({ transformer: superjson });
  const slowRouter = t.router({
    slow: t.procedure.query(async () => {
      started();
      await released;
      return "finished";
    }),
  });
  const server = await startTestServer({ router: slowRouter });

  const inFlight = fetch(`${server.url}/trpc/slow`);
  await requestStarted;
  let closed = false;
  const closing = server.close().then(() => (closed = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(closed).toBe(false);
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();

  release();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(((await response.json()) as { result: { data: { json: string } } }).result.data.json).toBe("finished");
  await closing;
  expect(closed).toBe(true);
});
