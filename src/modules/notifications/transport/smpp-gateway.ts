import { randomInt } from 'node:crypto';
import smpp from 'smpp';
import { silentLogger, type Logger } from '../../../platform/log-sink.ts';
import { concatUdh, splitSms, toGsmText } from '../../../protocols/smpp/sms-text.ts';

export interface SmppGatewayOptions {
  /** smpp://host:port */
  url: string;
  systemId: string;
  password: string;
  systemType?: string;
  /** Our keep-alive period; a missing enquire_link_resp counts as a dropped link. Default 30 000. */
  enquireLinkMs?: number;
  /** Reconnect backoff bounds (doubling from min up to max). Defaults 500 / 30 000. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How long to wait for connect, bind and submit responses. Default 10 000. */
  requestTimeoutMs?: number;
  logger?: Logger;
}

export interface SmsMessage {
  from: string;
  to: string;
  text: string;
  requestReceipt?: boolean;
}

export interface SubmitResult {
  /** One SMSC message_id per part, in part order. */
  messageIds: string[];
  parts: number;
}

export interface MoMessage {
  from: string;
  to: string;
  text: string;
}

export interface DeliveryReceipt {
  messageId: string;
  /** DELIVRD, UNDELIV, EXPIRED, REJECTD, … as the SMSC wrote it. */
  stat: string;
  raw: string;
}

type Handler<T> = (value: T) => Promise<void> | void;

/** An SMPP failure; `commandStatus` is set when the SMSC answered with a non-zero status. */
export class SmppError extends Error {
  constructor(
    message: string,
    readonly commandStatus?: number,
  ) {
    super(message);
    this.name = 'SmppError';
  }
}

const ESM_UDHI = 0x40;
const ESM_RECEIPT = 0x04;
const ESME_RSYSERR = 0x08;

const statusName = (status: number): string => {
  const name = Object.entries(smpp.errors).find(([, code]) => code === status)?.[0];
  return `${name ?? 'status'} 0x${status.toString(16).padStart(2, '0')}`;
};

const messageText = (m: smpp.DecodedMessage | undefined): string =>
  m === undefined ? '' : typeof m.message === 'string' ? m.message : m.message.toString('latin1');

type State = 'idle' | 'connecting' | 'bound' | 'backoff' | 'stopped';

/**
 * One bind_transceiver session to an SMSC over the `smpp` package, which itself has no reconnect,
 * keep-alive supervision or promises: this class adds them.
 */
export class SmppGateway {
  private readonly opts: Required<Omit<SmppGatewayOptions, 'systemType' | 'logger'>> & { systemType: string };
  private readonly log: Logger;
  private state: State = 'idle';
  private session: smpp.Session | undefined;
  /** Rejecters of everything waiting on the current session, so a drop fails them at once. */
  private pending = new Set<(err: Error) => void>();
  private enquireTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private moHandler: Handler<MoMessage> | undefined;
  private receiptHandler: Handler<DeliveryReceipt> | undefined;

  constructor(opts: SmppGatewayOptions) {
    this.opts = {
      url: opts.url,
      systemId: opts.systemId,
      password: opts.password,
      systemType: opts.systemType ?? '',
      enquireLinkMs: opts.enquireLinkMs ?? 30_000,
      reconnectMinMs: opts.reconnectMinMs ?? 500,
      reconnectMaxMs: opts.reconnectMaxMs ?? 30_000,
      requestTimeoutMs: opts.requestTimeoutMs ?? 10_000,
    };
    this.log = opts.logger ?? silentLogger;
  }

  get bound(): boolean {
    return this.state === 'bound';
  }

  /**
   * Connect and bind. Rejects on the first failure (refused connection, bad credentials) without
   * retrying; reconnects happen only after a successful start.
   */
  async start(): Promise<void> {
    if (this.state !== 'idle' && this.state !== 'stopped') throw new SmppError('SMPP gateway already started');
    this.state = 'connecting';
    this.attempt = 0;
    try {
      await this.connect();
    } catch (err) {
      if (this.state === 'connecting') this.state = 'idle';
      throw err;
    }
  }

  /** Unbind and close; no reconnects afterwards. */
  async stop(): Promise<void> {
    const wasBound = this.state === 'bound';
    this.state = 'stopped';
    clearTimeout(this.reconnectTimer);
    this.stopEnquireLink();
    const session = this.session;
    if (!session) return;
    if (wasBound) {
      // Best effort: a polite unbind, but never a long wait on an SMSC that does not answer.
      const timeout = Math.min(this.opts.requestTimeoutMs, 2_000);
      await this.request(session, (cb) => session.unbind(cb), timeout).catch(() => undefined);
    }
    this.session = undefined;
    this.failPending(new SmppError('SMPP gateway stopped'));
    await closeSession(session);
  }

  onMessage(handler: Handler<MoMessage>): void {
    this.moHandler = handler;
  }

  onReceipt(handler: Handler<DeliveryReceipt>): void {
    this.receiptHandler = handler;
  }

  /** Sends the text as GSM 7-bit (data_coding 0), concatenated with a UDH when it needs several parts. */
  async submit(msg: SmsMessage): Promise<SubmitResult> {
    const session = this.session;
    if (this.state !== 'bound' || !session) throw new SmppError('SMPP gateway is not bound');

    const parts = splitSms(toGsmText(msg.text));
    const ref = randomInt(0, 256);
    const messageIds: string[] = [];
    // Sequential on purpose: keeps part order and puts no burst on the SMSC's throttle.
    for (const [i, part] of parts.entries()) {
      const multi = parts.length > 1;
      const resp = await this.request(session, (cb) =>
        session.submit_sm(
          {
            source_addr: msg.from,
            destination_addr: msg.to,
            registered_delivery: msg.requestReceipt ? 1 : 0,
            esm_class: multi ? ESM_UDHI : 0,
            // Explicit: left null the library labels GSM text as IA5 (1), which operators reject.
            data_coding: 0,
            short_message: multi ? { udh: concatUdh(ref, parts.length, i + 1), message: part } : { message: part },
          },
          cb,
        ),
      );
      if (resp.command_status !== 0) {
        throw new SmppError(
          `submit_sm part ${i + 1}/${parts.length} rejected: ${statusName(resp.command_status)}`,
          resp.command_status,
        );
      }
      messageIds.push(resp.message_id ?? '');
    }
    return { messageIds, parts: parts.length };
  }

  /** Opens a session, binds it and, on success, makes it current. */
  private async connect(): Promise<void> {
    const session = smpp.connect({ url: this.opts.url });
    this.session = session;
    session.on('error', (err) => this.dropped(session, err));
    session.on('close', () => this.dropped(session, new SmppError('SMPP connection closed')));
    session.on('deliver_sm', (pdu) => void this.deliver(session, pdu));
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      this.dropped(session, new SmppError('SMSC unbound the session'));
    });

    try {
      await this.waitConnected(session);
      const resp = await this.request(session, (cb) =>
        session.bind_transceiver(
          { system_id: this.opts.systemId, password: this.opts.password, system_type: this.opts.systemType },
          cb,
        ),
      );
      if (resp.command_status !== 0) {
        throw new SmppError(
          `SMPP bind_transceiver as '${this.opts.systemId}' to ${this.opts.url} rejected: ${statusName(resp.command_status)}`,
          resp.command_status,
        );
      }
      if (this.state === 'stopped') throw new SmppError('SMPP gateway stopped while binding');
    } catch (err) {
      if (this.session === session) this.session = undefined;
      this.failPending(err as Error);
      session.destroy();
      if (err instanceof SmppError) throw err;
      throw new SmppError(`SMPP connect to ${this.opts.url} failed: ${(err as Error).message}`);
    }
    this.state = 'bound';
    this.attempt = 0;
    this.startEnquireLink(session);
    this.log.info({ url: this.opts.url, systemId: this.opts.systemId }, 'SMPP bound');
  }

  private waitConnected(session: smpp.Session): Promise<void> {
    return this.track<void>(this.opts.requestTimeoutMs, 'connect', (resolve) => session.once('connect', resolve));
  }

  /** Sends a request PDU and resolves with its response; rejects on timeout or a dropped link. */
  private request(
    session: smpp.Session,
    send: (cb: smpp.ResponseCallback) => boolean,
    timeoutMs = this.opts.requestTimeoutMs,
  ): Promise<smpp.PDU> {
    return this.track<smpp.PDU>(timeoutMs, 'response', (resolve, reject) => {
      if (!send(resolve)) reject(new SmppError('SMPP socket is not writable'));
    });
  }

  /** A promise that also fails on timeout and on failPending (link drop, stop). */
  private track<T>(
    timeoutMs: number,
    what: string,
    run: (resolve: (v: T) => void, reject: (e: Error) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(fail);
      };
      const fail = (err: Error) => {
        done();
        reject(err);
      };
      const timer = setTimeout(() => fail(new SmppError(`SMPP ${what} timed out after ${timeoutMs} ms`)), timeoutMs);
      this.pending.add(fail);
      run((v) => {
        done();
        resolve(v);
      }, fail);
    });
  }

  private failPending(err: Error): void {
    for (const fail of [...this.pending]) fail(err);
  }

  /** Handles MO messages and receipts; always answers, with ESME_RSYSERR if our handler threw. */
  private async deliver(session: smpp.Session, pdu: smpp.PDU): Promise<void> {
    const text = messageText(pdu.message_payload ?? pdu.short_message);
    let status = 0;
    try {
      if ((pdu.esm_class ?? 0) & ESM_RECEIPT) {
        const receipt = parseReceipt(text, pdu.receipted_message_id);
        if (this.receiptHandler) await this.receiptHandler(receipt);
        else this.log.warn({ receipt }, 'SMPP receipt without a handler');
      } else {
        const mo = { from: pdu.source_addr ?? '', to: pdu.destination_addr ?? '', text };
        if (this.moHandler) await this.moHandler(mo);
        else this.log.warn({ mo }, 'SMPP MO message without a handler');
      }
    } catch (err) {
      status = ESME_RSYSERR;
      this.log.error({ err, from: pdu.source_addr }, 'SMPP deliver_sm handler failed');
    }
    session.send(pdu.response({ command_status: status }));
  }

  private startEnquireLink(session: smpp.Session): void {
    this.enquireTimer = setInterval(() => {
      const timeout = Math.min(this.opts.requestTimeoutMs, this.opts.enquireLinkMs);
      this.request(session, (cb) => session.enquire_link(cb), timeout).catch((err: Error) =>
        this.dropped(session, err),
      );
    }, this.opts.enquireLinkMs);
  }

  private stopEnquireLink(): void {
    clearInterval(this.enquireTimer);
    this.enquireTimer = undefined;
  }

  /** Socket error/close, unbind from the SMSC or a silent link: forget the session and reconnect. */
  private dropped(session: smpp.Session, reason: Error): void {
    if (session !== this.session) return;
    this.session = undefined;
    this.failPending(reason);
    session.destroy();
    if (this.state !== 'bound') return; // a failing connect() reports to its caller instead
    this.stopEnquireLink();
    this.log.warn({ err: reason, url: this.opts.url }, 'SMPP link dropped, reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.state === 'stopped') return;
    this.state = 'backoff';
    const delay = Math.min(this.opts.reconnectMaxMs, this.opts.reconnectMinMs * 2 ** this.attempt);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => {
      this.state = 'connecting';
      this.connect().catch((err: Error) => {
        if (this.state === 'stopped') return;
        this.log.warn({ err, attempt: this.attempt, url: this.opts.url }, 'SMPP reconnect failed');
        this.scheduleReconnect();
      });
    }, delay);
  }
}

/** Parses `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`; the TLV id wins. */
export function parseReceipt(raw: string, receiptedMessageId?: string): DeliveryReceipt {
  const field = (name: string) => raw.match(new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i'))?.[1] ?? '';
  return { messageId: receiptedMessageId || field('id'), stat: field('stat').toUpperCase(), raw };
}

/** Graceful close with a fallback: 'close' never fires again on a socket that is already gone. */
function closeSession(session: smpp.Session): Promise<void> {
  if (session.socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => session.destroy(), 1_000);
    session.close(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
