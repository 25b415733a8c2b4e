import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import { silentLogger, type Logger } from '../platform/log-sink.ts';
import { isGsmText } from '../protocols/smpp/sms-text.ts';
import { createInbox } from './inbox.ts';

/**
 * A local SMSC for development and tests: accepts bind_transceiver, stores MT messages (reassembling
 * concatenated parts), sends delivery receipts and MO messages. Built on the same `smpp` package.
 */
export interface SmscSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  systemId: string;
  password: string;
  /** Delay before a requested delivery receipt is sent. Default 50 ms. */
  receiptDelayMs?: number;
  logger?: Logger;
}

export interface SimulatedSms {
  /** message_id of the first part. */
  id: string;
  /** message_id of every part, in part order. */
  messageIds: string[];
  from: string;
  to: string;
  text: string;
  parts: number;
  receivedAt: Date;
}

export interface SmscSimulator {
  port: number;
  /** Every MT received, oldest first; a concatenated message appears once all its parts arrived. */
  messages: SimulatedSms[];
  /** Sends an MO deliver_sm to every bound session; resolves when all answered with status 0. */
  sendMo(from: string, to: string, text: string): Promise<void>;
  waitForMessage(pred: (m: SimulatedSms) => boolean, timeoutMs?: number): Promise<SimulatedSms>;
  /** Number of bound sessions. */
  sessions(): number;
  /** Destroys every connection, as a network failure would. */
  dropConnections(): void;
  close(): Promise<void>;
}

const ESM_UDHI = 0x40;
const ESM_RECEIPT = 0x04;
const MESSAGE_STATE_DELIVERED = 2;
const RESPONSE_TIMEOUT_MS = 5_000;

interface PendingConcat {
  total: number;
  texts: Map<number, string>;
  ids: Map<number, string>;
  firstAt: Date;
}

/** SMPP receipt time format YYMMDDhhmm. */
const receiptDate = (d: Date): string =>
  [d.getFullYear() % 100, d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
    .map((n) => String(n).padStart(2, '0'))
    .join('');

/** The 8- or 16-bit concatenation element of a decoded UDH, if any. */
function concatInfo(udh: Buffer[] | undefined): { ref: number; total: number; seq: number } | undefined {
  for (const ie of udh ?? []) {
    if (ie[0] === 0x00 && ie[1] === 3) return { ref: ie[2], total: ie[3], seq: ie[4] };
    if (ie[0] === 0x08 && ie[1] === 4) return { ref: ie.readUInt16BE(2), total: ie[4], seq: ie[5] };
  }
  return undefined;
}

export async function startSmscSimulator(opts: SmscSimulatorOptions): Promise<SmscSimulator> {
  const log = opts.logger ?? silentLogger;
  const receiptDelayMs = opts.receiptDelayMs ?? 50;
  const inbox = createInbox<SimulatedSms>({ noMatch: 'SMSC simulator: no matching message', closed: 'SMSC simulator closed' });
  const messages = inbox.messages;
  const bound = new Set<smpp.Session>();
  const all = new Set<smpp.Session>();
  const partials = new Map<string, PendingConcat>();
  const timers = new Set<NodeJS.Timeout>();
  let sessionSeq = 0;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const store = (m: SimulatedSms) => {
    log.info({ id: m.id, from: m.from, to: m.to, parts: m.parts }, 'SMSC simulator received MT');
    inbox.add(m);
  };

  const sendReceipt = (session: smpp.Session, id: string, from: string, to: string, text: string, at: Date) => {
    if (!bound.has(session)) return;
    const d = receiptDate(at);
    const done = receiptDate(new Date());
    const raw = `id:${id} sub:001 dlvrd:001 submit date:${d} done date:${done} stat:DELIVRD err:000 text:${text.slice(0, 20)}`;
    session.deliver_sm(
      {
        // A receipt travels back: from the subscriber to the original sender.
        source_addr: to,
        destination_addr: from,
        esm_class: ESM_RECEIPT,
        data_coding: 0,
        short_message: { message: raw },
        receipted_message_id: id,
        message_state: MESSAGE_STATE_DELIVERED,
      },
      (resp) => {
        if (resp.command_status !== 0) log.warn({ id, status: resp.command_status }, 'receipt refused by ESME');
      },
    );
  };

  const onSubmit = (session: smpp.Session, sessionId: number, pdu: smpp.PDU) => {
    if (!bound.has(session)) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
      return;
    }
    const id = randomBytes(6).toString('hex');
    session.send(pdu.response({ message_id: id }));

    const from = pdu.source_addr ?? '';
    const to = pdu.destination_addr ?? '';
    const body = pdu.message_payload ?? pdu.short_message;
    const text = typeof body?.message === 'string' ? body.message : (body?.message.toString('latin1') ?? '');
    const receivedAt = new Date();
    if ((pdu.registered_delivery ?? 0) & 0x03) {
      later(receiptDelayMs, () => sendReceipt(session, id, from, to, text, receivedAt));
    }

    const concat = (pdu.esm_class ?? 0) & ESM_UDHI ? concatInfo(body?.udh) : undefined;
    if (!concat || concat.total <= 1) {
      store({ id, messageIds: [id], from, to, text, parts: 1, receivedAt });
      return;
    }
    const key = `${sessionId}|${from}|${to}|${concat.ref}`;
    const partial = partials.get(key) ?? { total: concat.total, texts: new Map(), ids: new Map(), firstAt: receivedAt };
    partials.set(key, partial);
    partial.texts.set(concat.seq, text);
    partial.ids.set(concat.seq, id);
    if (partial.texts.size < partial.total) return;

    partials.delete(key);
    const seqs = [...partial.texts.keys()].sort((a, b) => a - b);
    const messageIds = seqs.map((s) => partial.ids.get(s)!);
    store({
      id: messageIds[0],
      messageIds,
      from,
      to,
      text: seqs.map((s) => partial.texts.get(s)).join(''),
      parts: partial.total,
      receivedAt: partial.firstAt,
    });
  };

  const server = smpp.createServer((session) => {
    const sessionId = ++sessionSeq;
    all.add(session);
    session.on('error', (err) => log.warn({ err, sessionId }, 'SMSC simulator session error'));
    session.on('close', () => {
      all.delete(session);
      bound.delete(session);
    });
    session.on('bind_transceiver', (pdu) => {
      if (bound.has(session)) {
        session.send(pdu.response({ command_status: smpp.ESME_RALYBND }));
      } else if (pdu.system_id !== opts.systemId || pdu.password !== opts.password) {
        log.warn({ sessionId, systemId: pdu.system_id }, 'SMSC simulator bind refused');
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      } else {
        bound.add(session);
        session.send(pdu.response({ system_id: 'SMSCSIM' }));
      }
    });
    session.on('submit_sm', (pdu) => onSubmit(session, sessionId, pdu));
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      bound.delete(session);
      session.send(pdu.response(), () => session.close());
    });
  });
  server.on('error', (err) => log.error({ err }, 'SMSC simulator server error'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const deliverTo = (session: smpp.Session, from: string, to: string, text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('MO deliver_sm: no response')), RESPONSE_TIMEOUT_MS);
      const sent = session.deliver_sm(
        {
          source_addr: from,
          destination_addr: to,
          // UCS2 when the text is not GSM 7-bit, as a real SMSC would pass a Vietnamese MO on.
          data_coding: isGsmText(text) ? 0 : 8,
          short_message: { message: text },
        },
        (resp) => {
          clearTimeout(timer);
          if (resp.command_status === 0) resolve();
          else reject(new Error(`MO deliver_sm refused with status 0x${resp.command_status.toString(16)}`));
        },
      );
      if (!sent) {
        clearTimeout(timer);
        reject(new Error('MO deliver_sm: session not writable'));
      }
    });

  return {
    port,
    messages,
    async sendMo(from, to, text) {
      if (bound.size === 0) throw new Error('SMSC simulator: no bound session to deliver the MO to');
      await Promise.all([...bound].map((s) => deliverTo(s, from, to, text)));
    },
    waitForMessage: (pred, timeoutMs = 5_000) => inbox.waitFor(pred, timeoutMs),
    sessions: () => bound.size,
    dropConnections() {
      for (const s of all) s.destroy();
      bound.clear();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      inbox.close();
      for (const s of all) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
