import { createGlowClient, TRPCClientError } from "@glow/api/client";
import { initTRPC } from "@trpc/server";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ALLOWED_ORIGIN, startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const pingUrl = (input: unknown) => `${server.url}/trpc/system.ping?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

describe("tRPC over HTTP", () => {
  it("serves system.info and system.ping to the typed client", async () => {
    const client = createGlowClient({ url: server.url });
    const [info, pong] = await Promise.all([client.system.info.query(), client.system.ping.query({ message: "hi" })]);
    expect(info).toEqual({ name: "Glow", status: "ok" });
    expect(pong).toMatchObject({ pong: true, message: "hi" });
  });

  it("answers input of the wrong type with 400 naming the field", async () => {
    const response = await fetch(pingUrl({ message: 42 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.fieldErrors).toEqual({ message: [expect.stringContaining("expected string")] });
    expect(body.error.json.message).toContain("message");
  });

  it("surfaces the field errors to the typed client too", async () => {
    const client = createGlowClient({ url: server.url });
    // @ts-expect-error: the wrong type on purpose
    const error = await client.system.ping.query({ message: 42 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ httpStatus: 400, fieldErrors: { message: expect.any(Array) } });
  });

  it("refuses a body over the size limit with 413 before the procedure runs", async () => {
    const t = initTRPC.create();
    let calls = 0;
    const echo = t.router({ echo: t.procedure.input(z.string()).mutation(({ input }) => ((calls += 1), input.length)) });
    const limited = await startTestServer({ router: echo, bodyLimitBytes: 10_000 });
    try {
      const post = (text: string) =>
        fetch(`${limited.url}/trpc/echo`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(text),
        });
      expect((await post("x".repeat(100))).status).toBe(200);
      expect((await post("x".repeat(20_000))).status).toBe(413);
      // Larger than a socket read: the answer must still arrive, not a reset connection.
      const large = await post("x".repeat(5_000_000));
      expect(large.status).toBe(413);
      expect(await large.json()).toMatchObject({ error: { data: { code: "PAYLOAD_TOO_LARGE" } } });
      expect(calls).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it("answers unknown paths with a JSON 404", async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "Not found" });
  });
});

describe("request ids", () => {
  it("puts a request id on every response", async () => {
    for (const path of ["/health", "/trpc/system.info", "/nope"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get("x-request-id"), path).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("keeps a caller's well-formed id and replaces a malformed one", async () => {
    const kept = await fetch(`${server.url}/health`, { headers: { "x-request-id": "trace-1234abcd" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-1234abcd");
    const replaced = await fetch(`${server.url}/health`, { headers: { "x-request-id": "bad id <script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("security headers and CORS", () => {
  it("sends the security headers on every response", async () => {
    const response = await fetch(`${server.url}/trpc/system.info`);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=31536000");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("allows origins on the allow-list, with credentials", async () => {
    const response = await fetch(`${server.url}/trpc/system.info`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-expose-headers")).toContain("x-request-id");
  });

  it("gives foreign origins no CORS grant", async () => {
    const response = await fetch(`${server.url}/trpc/system.info`, { headers: { origin: "https://evil.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an allowed preflight", async () => {
    const response = await fetch(`${server.url}/trpc/system.ping`, {
      method: "OPTIONS",
      headers: { origin: ALLOWED_ORIGIN, "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
  });
});

describe("the request log line", () => {
  it("names the path without the query string, which can hold signed file URLs and invitation tokens", async () => {
    const lines: string[] = [];
    const logged = await startTestServer({
      logger: pino({ level: "info" }, { write: (line: string) => void lines.push(line) }),
    });
    try {
      await fetch(`${logged.url}/trpc/system.ping?input=${encodeURIComponent(JSON.stringify({ json: { message: "secret-token-123" } }))}`);
      await fetch(`${logged.url}/files/orgs/x/video.mp4?expires=1&signature=secret-signature`);
      const requests = lines.map((line) => JSON.parse(line) as { msg: string; url?: string }).filter((line) => line.msg === "request");
      expect(requests.map((line) => line.url)).toEqual(["/trpc/system.ping", "/files/orgs/x/video.mp4"]);
      expect(lines.join("\n")).not.toMatch(/secret-token-123|secret-signature/);
    } finally {
      await logged.close();
    }
  });
});
