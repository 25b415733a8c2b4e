import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { silentLogger, type Logger } from '../platform/log-sink.ts';
import { createInbox } from './inbox.ts';

/** A local SMTP server that keeps every message in memory, for development and tests. */
export interface SmtpSinkOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  logger?: Logger;
}

export interface ReceivedMail {
  /** Message-ID header, or a generated id when the message has none. */
  id: string;
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO), so Cc and Bcc are included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Date header, or the time of receipt. */
  date: Date;
  /** Size of the raw message in bytes. */
  size: number;
}

export interface SmtpSink {
  port: number;
  /** Newest last. */
  messages: ReceivedMail[];
  waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  clear(): void;
  close(): Promise<void>;
}

const MAX_SIZE = 10 * 1024 * 1024;

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const log = opts.logger ?? silentLogger;
  const inbox = createInbox<ReceivedMail>({ noMatch: 'SMTP sink: no matching mail', closed: 'SMTP sink closed' });
  const messages = inbox.messages;

  const store = (mail: ReceivedMail) => {
    log.info({ id: mail.id, to: mail.to, subject: mail.subject }, 'SMTP sink received mail');
    inbox.add(mail);
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    // Plain text only: no STARTTLS also means no warning about smtp-server's built-in certificate.
    disabledCommands: ['STARTTLS'],
    size: MAX_SIZE,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      // Read the stream to its end before answering, or the connection stalls (smtp-server#187).
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const err = Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            store({
              id: parsed.messageId ?? randomUUID(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: parsed.html === false ? undefined : parsed.html,
              date: parsed.date ?? new Date(),
              size: raw.length,
            });
            callback();
          })
          .catch((err: Error) => {
            log.warn({ err }, 'SMTP sink could not parse a message');
            callback(err);
          });
      });
    },
  });
  // Without a listener a client reset mid-DATA would crash the process (smtp-server#229).
  server.on('error', (err) => log.warn({ err }, 'SMTP sink error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    waitFor: (pred, timeoutMs = 5_000) => inbox.waitFor(pred, timeoutMs),
    clear() {
      messages.length = 0;
    },
    async close() {
      inbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
