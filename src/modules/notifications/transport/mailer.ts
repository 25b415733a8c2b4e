import { createTransport } from 'nodemailer';

export interface MailerOptions {
  host: string;
  port: number;
  /** Implicit TLS (SMTPS). Defaults to true on port 465; otherwise STARTTLS is used when offered. */
  secure?: boolean;
  user?: string;
  password?: string;
  /** Sender for every message, e.g. '"MobiFone IT" <noreply@example.vn>'. */
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * The outbox message's id: it becomes the Message-ID, so a message sent again after a crash
   * (between the server's 250 and our commit; SMTP has no idempotency key) is the same message to
   * the receiving side, which drops the copy.
   */
  key?: string;
}

/** `<key@domain>` with the sender's domain (RFC 5322 msg-id). */
export const messageIdOf = (key: string, from: string): string => `<${key}@${/@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'qldv.local'}>`;

export interface Mailer {
  send(m: OutgoingMail): Promise<{ messageId: string }>;
  /** Connects and authenticates once, to fail fast on bad settings. */
  verify(): Promise<void>;
  close(): void;
}

/** SMTP delivery over nodemailer: one connection per message (no pool), bounded timeouts. */
export function createMailer(opts: MailerOptions): Mailer {
  const transporter = createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? opts.port === 465,
    auth: opts.user ? { user: opts.user, pass: opts.password ?? '' } : undefined,
    pool: false,
    // Defaults are 2 min / 30 s / 10 min: far too long for an outbox worker waiting on a dead server.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });

  return {
    async send(m) {
      const messageId = m.key ? messageIdOf(m.key, opts.from) : undefined;
      const info = await transporter.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId });
      return { messageId: info.messageId };
    },
    async verify() {
      await transporter.verify();
    },
    close() {
      transporter.close();
    },
  };
}
