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
}

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
      const info = await transporter.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
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
