import type { Db } from "@glow/db";
import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(mail: Mail): Promise<void>;
}

/** Real delivery through an SMTP server (SMTP_URL, e.g. smtps://user:pass@smtp.example.com). */
export class SmtpMailer implements Mailer {
  readonly kind = "smtp";
  readonly #transport: Transporter;
  readonly #from: string;
  constructor(smtpUrl: string, from: string) {
    this.#transport = nodemailer.createTransport(smtpUrl);
    this.#from = from;
  }

  async send(mail: Mail): Promise<void> {
    await this.#transport.sendMail({ from: this.#from, ...mail });
  }
}

/** No SMTP configured: mail lands in the database, where admins read it (the development outbox). */
export class OutboxMailer implements Mailer {
  readonly kind = "outbox";
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  async send(mail: Mail): Promise<void> {
    await this.#db.outboxEmail.create({ data: mail });
  }
}
