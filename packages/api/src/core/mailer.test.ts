// The SMTP mailer against a real local SMTP server (smtp-server, from nodemailer's authors).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SmtpMailer } from "./mailer.ts";

const received: Array<{ from: string; to: string[]; raw: string }> = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("delivers mail over SMTP with the configured sender", async () => {
  const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, "Glow <no-reply@glow.dev>");
  await mailer.send({ to: "person@example.test", subject: "Reset your Glow password", text: "Open this link: https://example.test/x" });
  expect(received).toHaveLength(1);
  expect(received[0]!.from).toBe("no-reply@glow.dev");
  expect(received[0]!.to).toEqual(["person@example.test"]);
  expect(received[0]!.raw).toContain("Subject: Reset your Glow password");
  expect(received[0]!.raw).toContain("Open this link: https://example.test/x");
});

it("fails loudly when the SMTP server is unreachable", async () => {
  const mailer = new SmtpMailer("smtp://127.0.0.1:1", "Glow <no-reply@glow.dev>");
  await expect(mailer.send({ to: "a@example.test", subject: "x", text: "y" })).rejects.toThrow();
});
