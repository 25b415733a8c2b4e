import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { insertLater } from '../../db/batch.ts';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { fail, type Locale } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { MessageQuery } from './contract.ts';
import { messages } from './db/schema.ts';
import { commandKey, parseSmsCommand, UNKNOWN_COMMAND_REPLY } from './domain/sms-commands.ts';
import { renderEmail, withoutSecrets, type TemplateKey } from './domain/templates.ts';
import type { Logger } from '../../platform/log-sink.ts';
import type { Mailer } from './transport/mailer.ts';
import type { DeliveryReceipt, MoMessage, SmppGateway } from './transport/smpp-gateway.ts';
import { toGsmText } from '../../protocols/smpp/sms-text.ts';

export const DELIVER_QUEUE = 'notifications.deliver';
const MAX_ATTEMPTS = 6;

export interface Related {
  type: string;
  id: string;
}

/** A command reached by SMS: gets the sender and arguments, returns the reply text (or null for none). */
export type SmsCommand = (sms: { from: string; args: string[]; text: string }) => Promise<string | null>;

export class NotificationService {
  private commands = new Map<string, SmsCommand>();
  /** Commands whose arguments are secrets (a password): the inbound message is logged without them. */
  private secretCommands = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly transports: { mailer: Mailer; sms: SmppGateway; mailFrom: string; shortCode: string },
    private readonly log: Logger,
  ) {
    jobs.register(DELIVER_QUEUE, (p: { messageId: string }, job) => this.deliver(p.messageId, job.attempt));
    transports.sms.onMessage((mo) => this.receiveSms(mo));
    transports.sms.onReceipt((r) => this.markDelivered(r));
  }

  /** Queues a templated e-mail in the caller's transaction; it is sent once that commits. */
  async email(ex: Executor, m: { to: string; template: TemplateKey; locale: Locale; data: Record<string, string | number>; related?: Related }): Promise<string> {
    const content = renderEmail(m.template, m.locale, m.data);
    return this.queue(ex, {
      channel: 'email',
      to: m.to,
      from: this.transports.mailFrom,
      subject: content.subject,
      body: content.text,
      html: content.html,
      template: m.template,
      locale: m.locale,
      related: m.related,
    });
  }

  /** Queues an SMS; the text is sent without diacritics (GSM 7-bit), split into parts if long. */
  async sms(ex: Executor, m: { to: string; text: string; related?: Related }): Promise<string> {
    return this.queue(ex, { channel: 'sms', to: m.to, from: this.transports.shortCode, body: toGsmText(m.text), related: m.related });
  }

  registerSmsCommand(keyword: string, command: SmsCommand, shortCode = this.transports.shortCode, opts: { secretArgs?: boolean } = {}): void {
    const key = commandKey(shortCode, keyword);
    if (this.commands.has(key)) throw new Error(`SMS command ${key} registered twice`);
    this.commands.set(key, command);
    if (opts.secretArgs) this.secretCommands.add(key);
  }

  private async queue(
    ex: Executor,
    m: { channel: 'email' | 'sms'; to: string; from: string; subject?: string; body: string; html?: string; template?: string; locale?: string; related?: Related },
  ): Promise<string> {
    const now = this.clock.now();
    const id = newId('message', now);
    await insertLater(ex, messages, {
      id,
      channel: m.channel,
      direction: 'out',
      to: m.to,
      from: m.from,
      subject: m.subject ?? null,
      body: m.body,
      html: m.html ?? null,
      template: m.template ?? null,
      locale: m.locale ?? null,
      status: 'queued',
      relatedType: m.related?.type ?? null,
      relatedId: m.related?.id ?? null,
      createdAt: now,
    });
    await this.jobs.enqueueLater(ex, { queue: DELIVER_QUEUE, key: `deliver:${id}`, payload: { messageId: id }, maxAttempts: MAX_ATTEMPTS });
    return id;
  }

  /** The job: sends one queued message. Already-sent messages are skipped, so a retried job is harmless. */
  private async deliver(id: string, attempt: number): Promise<void> {
    const [m] = await this.database.db.select().from(messages).where(eq(messages.id, id));
    if (!m || m.status !== 'queued') return;
    try {
      const providerIds =
        m.channel === 'email'
          ? [(await this.transports.mailer.send({ to: m.to, subject: m.subject ?? '', text: m.body, html: m.html ?? undefined, key: m.id })).messageId]
          : (await this.transports.sms.submit({ from: m.from, to: m.to, text: m.body, requestReceipt: true })).messageIds;
      const kept = withoutSecrets(m);
      await this.database.db
        .update(messages)
        .set({ body: kept.body, html: kept.html, status: 'sent', attempts: attempt, providerIds, sentAt: this.clock.now(), error: null })
        .where(and(eq(messages.id, id), eq(messages.status, 'queued')));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.database.db
        .update(messages)
        .set({ attempts: attempt, error, status: attempt >= MAX_ATTEMPTS ? 'failed' : 'queued' })
        .where(eq(messages.id, id));
      throw err;
    }
  }

  /** An SMS from a subscriber: logged, routed by short code and keyword, answered from the short code. */
  async receiveSms(mo: MoMessage): Promise<void> {
    const now = this.clock.now();
    const { keyword, args } = parseSmsCommand(mo.text);
    const command = this.commands.get(commandKey(mo.to, keyword));
    await this.database.db.insert(messages).values({
      id: newId('message', now),
      channel: 'sms',
      direction: 'in',
      to: mo.to,
      from: mo.from,
      body: this.secretCommands.has(commandKey(mo.to, keyword)) ? `${keyword} ***` : mo.text,
      status: 'received',
      template: command ? keyword : null,
      createdAt: now,
    });
    let reply: string | null;
    try {
      reply = command ? await command({ from: mo.from, args, text: mo.text }) : UNKNOWN_COMMAND_REPLY;
    } catch (err) {
      this.log.error({ err, from: mo.from, keyword }, 'SMS command failed');
      reply = 'He thong dang ban, vui long thu lai sau. Chi tiet lien he 9090.';
    }
    if (reply) await this.sms(this.database.db, { to: mo.from, text: reply, related: { type: 'sms_command', id: keyword || '-' } });
  }

  private async markDelivered(r: DeliveryReceipt): Promise<void> {
    if (r.stat !== 'DELIVRD') return;
    await this.database.db
      .update(messages)
      .set({ status: 'delivered', deliveredAt: this.clock.now() })
      .where(and(eq(messages.status, 'sent'), sql`${r.messageId} = any(${messages.providerIds})`));
  }

  async list(q: MessageQuery) {
    const where: SQL[] = [];
    if (q.channel) where.push(eq(messages.channel, q.channel));
    if (q.direction) where.push(eq(messages.direction, q.direction));
    if (q.status) where.push(sql`${messages.status} = ${q.status}`);
    const cond = where.length ? and(...where) : undefined;
    const db = this.database.db;
    const [items, [{ total }]] = await Promise.all([
      db.select().from(messages).where(cond).orderBy(desc(messages.createdAt), desc(messages.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      db.select({ total: count() }).from(messages).where(cond),
    ]);
    return { items: items.map(withoutSecrets), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string) {
    const [m] = await this.database.db.select().from(messages).where(eq(messages.id, id));
    if (!m) throw fail('NOT_FOUND', { message: id }, { vi: 'không có thư hoặc tin nhắn này', en: 'no such message' });
    return withoutSecrets(m);
  }
}
