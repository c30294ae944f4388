// Odd request targets sent raw over a socket (fetch would normalise them): none is a 500.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Sends one request line as written and reads the status and body of the answer. */
function raw(requestLine: string, extraHeaders = ""): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer in 10 s")));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const [head = "", ...rest] = text.split("\r\n\r\n");
      let body = rest.join("\r\n\r\n");
      if (/^transfer-encoding: chunked/im.test(head)) body = body.replace(/(^|\r\n)[0-9a-f]+\r\n/g, "").replace(/\r\n$/, "");
      resolve({ status, body });
    });
    socket.write(`${requestLine} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`);
  });
}

describe("request targets", () => {
  it.each(["GET //[", "GET http://[::1", "GET http://[::1/trpc/system.info", "POST //[::/trpc/auth.logout"])(
    "answers %s with 400 and the request id",
    async (line) => {
      const answer = await raw(line);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "Malformed request target", requestId: expect.any(String) });
    },
  );

  it("serves an absolute-form target by its path, on the API and the REST surface", async () => {
    const trpc = await raw(`GET http://elsewhere.example/trpc/system.ping`);
    expect(trpc.status).toBe(200);
    expect(trpc.body).toContain('"pong":true');
    const rest = await raw(`GET http://elsewhere.example/api/system/ping?message=hi`);
    expect(rest.status).toBe(200);
    expect(JSON.parse(rest.body)).toMatchObject({ pong: true, message: "hi" });
  });

  it("answers the asterisk form and unknown paths with 404", async () => {
    expect((await raw("OPTIONS *")).status).toBe(404);
    expect((await raw("GET /%00%ff/../..")).status).toBe(404);
  });

  it("refuses a target too long for the header limit with 431, and a long one within it without a 500", async () => {
    expect((await raw(`GET /trpc/${"a".repeat(20_000)}`)).status).toBe(431);
    const long = await raw(`GET /trpc/${"system.ping".repeat(1200)}`);
    expect(long.status).toBe(404);
  });
});
