import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { createServer, cspConnectSources, type Server } from './http/server.ts';
import { registerAuth } from './http/auth.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { Caches } from './platform/cache.ts';
import { JobQueue } from './platform/jobs.ts';
import { createLogger, prettyDestination, type DestinationStream } from './platform/log.ts';
import { AuditLog, fileCheckpoints, memoryCheckpoints } from './modules/audit/index.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { createIdentity, seedOrgUnits, type IdentityService } from './modules/identity/index.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { createCustomers, customerAccounts, type CustomerService } from './modules/customers/index.ts';
import { customerRoutes } from './modules/customers/routes.ts';
import { CatalogService, seedCatalog } from './modules/catalog/index.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { createContracts, seedDemoContracts, type ContractService } from './modules/contracts/index.ts';
import { contractRoutes } from './modules/contracts/routes.ts';
import { createSupport, SLA_CHECK_QUEUE, type SupportService } from './modules/support/index.ts';
import { supportRoutes } from './modules/support/routes.ts';
import { collectionLedger, PaymentService, paymentsReceived, VnpayClient } from './modules/payments/index.ts';
import { contractMoneyRoutes } from './modules/payments/contract-money.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { createVnpaySimulator, type VnpaySimulator } from './simulators/vnpay/index.ts';
import { buyerOfCustomer, InvoicingService, invoicingConfig, MInvoiceAdapter, unconfiguredProvider } from './modules/invoicing/index.ts';
import { invoiceRoutes } from './modules/invoicing/routes.ts';
import { startEinvoiceSimulator, type RunningEinvoiceSimulator } from './simulators/einvoice/index.ts';
import { CalendarService } from './modules/calendar/index.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { NotificationService } from './modules/notifications/index.ts';
import { createFeed, type FeedService } from './modules/feed/index.ts';
import { feedRoutes } from './modules/feed/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { startBhttSimulator, type RunningBhttSimulator } from './simulators/bhtt/index.ts';
import { BhttAdapter, createRevenueFeed, unconfiguredBhtt, type RevenueFeedService } from './modules/revenue-feed/index.ts';
import { revenueFeedRoutes } from './modules/revenue-feed/routes.ts';
import { createUsage, usageRoutes, type UsageService } from './modules/usage/index.ts';
import { billingRoutes, createBilling, type BillingService } from './modules/billing/index.ts';
import { COMMISSIONS_SYNC_QUEUE, createCommissions, type CommissionService } from './modules/commissions/index.ts';
import { commissionRoutes } from './modules/commissions/routes.ts';
import { createCollection, type CollectionService } from './modules/collection/index.ts';
import { collectionRoutes } from './modules/collection/routes.ts';
import { createBillpay, LedgerAdapter, unconfiguredLedger, type BillpayService } from './modules/billpay/index.ts';
import { billpayRoutes } from './modules/billpay/routes.ts';
import { startLedgerSimulator, type RunningLedgerSimulator } from './simulators/subscriber-ledger/index.ts';
import { createEkyc, ImageVault, type EkycProviders, type EkycService } from './modules/ekyc/index.ts';
import { ekycRoutes } from './modules/ekyc/routes.ts';
import { createMeeting, type MeetingService } from './modules/meeting/index.ts';
import { meetingRoutes } from './modules/meeting/routes.ts';
import { localProviders } from './modules/ekyc/providers/local.ts';
import { createMailer } from './modules/notifications/transport/mailer.ts';
import { SmppGateway } from './modules/notifications/transport/smpp-gateway.ts';
import { startSmscSimulator, type SmscSimulator } from './simulators/smsc.ts';
import { startSmtpSink, type SmtpSink } from './simulators/smtp.ts';
import type { MeetingDirectory } from './modules/meeting/live-ports.ts';
import { createLiveMeetings, mediaTicketSecret, type LiveLayer } from './modules/meeting/live/index.ts';
import { JanusPool } from './modules/meeting/media/pool.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VERSION: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

export interface System {
  config: Config;
  clock: Clock;
  database: Database;
  jobs: JobQueue;
  caches: Caches;
  audit: AuditLog;
  identity: IdentityService;
  calendar: CalendarService;
  notifications: NotificationService;
  feed: FeedService;
  customers: CustomerService;
  catalog: CatalogService;
  contracts: ContractService;
  support: SupportService;
  payments: PaymentService;
  invoicing: InvoicingService;
  usage: UsageService;
  billing: BillingService;
  ekyc: EkycService;
  meeting: MeetingService;
  commissions: CommissionService;
  revenueFeed: RevenueFeedService;
  collection: CollectionService;
  billpay: BillpayService;
  /** Meeting's live layer: `meetingLive.live` is the LiveMeetings the control plane calls. */
  meetingLive: LiveLayer;
  simulators: { smtp?: SmtpSink; smsc?: SmscSimulator; vnpay?: VnpaySimulator; einvoice?: RunningEinvoiceSimulator; bhtt?: RunningBhttSimulator; ledger?: RunningLedgerSimulator };
  server?: Server;
  close(): Promise<void>;
}

export interface SystemOptions {
  clock?: Clock;
  /** Build the HTTP server (off for the CLI). */
  http?: boolean;
  /** Connect the SMPP gateway and start the job poller (off for the CLI's one-shot commands). */
  background?: boolean;
  /** Where log lines go (stdout when not given). */
  logDestination?: DestinationStream;
  /** The control plane's join-token directory (tests pass a fake one until the meeting module provides it). */
  meetingDirectory?: MeetingDirectory;
  /** A Janus that main.ts launched for this process (used when JANUS_URLS is not set). */
  localJanus?: { url: string; roomAdminKey: string };
  /** Why media is off (main.ts: janus not installed). */
  mediaHint?: string;
}

/** The composition root: adapters from config, modules wired together, routes mounted. */
export async function createSystem(config: Config, opts: SystemOptions = {}): Promise<System> {
  const clock = opts.clock ?? systemClock;
  const background = opts.background ?? true;
  const logDestination = opts.logDestination ?? (config.logFormat === 'pretty' ? prettyDestination() : undefined);
  const log = createLogger(config.logLevel, logDestination);
  const closers: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await Promise.resolve(c()).catch((err) => log.warn({ err }, 'shutdown step failed'));
  };

  try {
    const database = await openDatabase(config.database);
    closers.push(() => database.close());
    await database.migrate();

    const simulators: System['simulators'] = {};
    if (config.simulators && background) {
      simulators.smtp = await startSmtpSink({ port: config.sim.smtpPort, logger: log.child({ sim: 'smtp' }) });
      closers.push(() => simulators.smtp?.close());
      simulators.smsc = await startSmscSimulator({
        port: config.sim.smppPort,
        systemId: config.smpp.systemId,
        password: config.smpp.password,
        logger: log.child({ sim: 'smsc' }),
      });
      closers.push(() => simulators.smsc?.close());
      simulators.einvoice = await startEinvoiceSimulator({ port: 0, clock, logger: log.child({ sim: 'einvoice' }) });
      closers.push(() => simulators.einvoice?.stop());
      simulators.bhtt = await startBhttSimulator({ clock, logger: log.child({ sim: 'bhtt' }) });
      closers.push(() => simulators.bhtt?.stop());
      simulators.ledger = await startLedgerSimulator({ clock, logger: log.child({ sim: 'ledger' }) });
      closers.push(() => simulators.ledger?.stop());
    }

    const jobs = new JobQueue(database, clock, log.child({ component: 'jobs' }));
    const caches = new Caches(database, log.child({ component: 'caches' }));
    const audit = new AuditLog(database, clock, config.auditKey, {
      checkpointKey: config.auditCheckpoint.key,
      checkpoints: config.auditCheckpoint.file ? fileCheckpoints(config.auditCheckpoint.file) : memoryCheckpoints(),
    });
    // Late-bound: notifications are built after identity, but only used once requests arrive.
    let notifications: NotificationService;
    const identity = createIdentity({
      database,
      clock,
      audit,
      customers: customerAccounts(database),
      settings: {
        sessionSecret: config.sessionSecret,
        sessionHours: config.sessionHours,
        oidc: { publicBaseUrl: config.publicBaseUrl, providers: config.oidc },
        onAccountCreated: (tx, user) =>
          notifications.email(tx, {
            to: user.email,
            template: 'account.welcome',
            locale: user.locale,
            data: { fullName: user.fullName, username: user.username, loginUrl: `${config.publicBaseUrl}/login` },
            related: { type: 'user', id: user.id },
          }).then(() => undefined),
        onPasswordResetRequested: (tx, user, token, expiresAt) =>
          notifications.email(tx, {
            to: user.email,
            template: 'account.password_reset',
            locale: user.locale,
            // In the fragment, so the token never reaches a server log as part of a URL.
            data: {
              fullName: user.fullName,
              username: user.username,
              resetUrl: `${config.publicBaseUrl}/reset-password#token=${token}`,
              minutes: String(Math.round((expiresAt.getTime() - clock.now().getTime()) / 60_000)),
            },
            related: { type: 'user', id: user.id },
          }).then(() => undefined),
      },
    });
    await seedOrgUnits(database, clock, audit);
    await caches.watch('org_units', () => identity.loadOrgUnits());
    if (config.demoData) await identity.seedDemoUsers(config.demoPassword);

    const calendar = new CalendarService(database, clock, audit, (id) => {
      const unit = identity.orgUnit(id);
      return unit ? unit.path.split('/').filter(Boolean).reverse() : [id];
    });
    await caches.watch('calendar', () => calendar.load());

    // Each outside system: its configured address, else the local simulator — never without simulators on.
    const orSimulator = <T,>(configured: T | undefined, variable: string, simulated: () => T): T => {
      if (configured !== undefined) return configured;
      if (!config.simulators) throw new Error(`${variable} is not set and simulators are off`);
      return simulated();
    };
    const smtpServer = config.smtp.host ? { host: config.smtp.host, port: config.smtp.port } : undefined;
    const mailer = createMailer({
      ...orSimulator(smtpServer, 'SMTP_HOST', () => ({ host: '127.0.0.1', port: simulators.smtp?.port ?? config.sim.smtpPort })),
      secure: config.smtp.secure,
      user: config.smtp.user,
      password: config.smtp.password,
      from: config.smtp.from,
    });
    closers.push(() => mailer.close());
    const sms = new SmppGateway({
      url: orSimulator(config.smpp.url, 'SMPP_URL', () => `smpp://127.0.0.1:${simulators.smsc?.port ?? config.sim.smppPort}`),
      systemId: config.smpp.systemId,
      password: config.smpp.password,
      logger: log.child({ component: 'smpp' }),
    });
    notifications = new NotificationService(database, clock, jobs, { mailer, sms, mailFrom: config.smtp.from, shortCode: config.smpp.shortCode }, log.child({ component: 'notifications' }));

    const customers = createCustomers({ database, clock, audit, identity });
    const catalog = new CatalogService(database, clock, audit, customers, (ctx) => identity.unitIdsInScope(ctx.actor));
    await seedCatalog(database, clock, catalog);
    await caches.watch('catalog', () => catalog.load());
    const publicBaseUrl = config.publicBaseUrl;
    const contracts = createContracts({ database, clock, audit, jobs, catalog, customers, identity, calendar, notifications, publicBaseUrl });
    if (config.demoData && config.env === 'development') await seedDemoContracts(database, clock, { identity, customers, contracts });
    // VNPay: the real gateway when configured, else the simulator mounted on this server (same protocol).
    const simBase = `${config.publicBaseUrl}/sim/vnpay`;
    const vnpay = new VnpayClient({
      apiUrl: orSimulator(config.vnpay.apiUrl, 'VNPAY_API_URL', () => `${simBase}/merchant_webapi/api/transaction`),
      tmnCode: config.vnpay.tmnCode,
      hashSecret: config.vnpay.hashSecret,
      dailyListUrl: config.vnpay.apiUrl ? undefined : `${simBase}/transactions`,
      logger: log.child({ component: 'vnpay' }),
    });
    const einvoice = config.einvoice.provider;
    const invoicing = new InvoicingService(database, clock, {
      audit,
      jobs,
      notifications,
      officerEmails: (ex) => identity.emailsOfRole('invoice_officer', null, ex),
      customerBuyer: async (id, ex) => buyerOfCustomer(await customers.row(id, ex)),
      provider: orSimulator(einvoice && new MInvoiceAdapter({ baseUrl: einvoice.url, username: einvoice.username, password: einvoice.password, maDvcs: einvoice.unitCode }), 'EINVOICE_URL', () => simulatedEinvoice(simulators.einvoice)),
      config: invoicingConfig({
        env: config.env,
        publicBaseUrl: config.publicBaseUrl,
        seller: definedOnly(config.einvoice.seller),
        series: config.einvoice.series,
        providerTaxCode: config.einvoice.providerTaxCode,
      }),
      log: log.child({ component: 'invoicing' }),
    });
    const payments = new PaymentService(database, clock, {
      audit,
      jobs,
      contracts,
      customers,
      invoicing,
      vnpay,
      settings: {
        tmnCode: config.vnpay.tmnCode,
        hashSecret: config.vnpay.hashSecret,
        payUrl: orSimulator(config.vnpay.payUrl, 'VNPAY_PAY_URL', () => `${simBase}/paymentv2/vpcpay.html`),
        linkSecret: config.sessionSecret,
        linkDays: config.vnpay.linkDays,
        publicBaseUrl: config.publicBaseUrl,
        serverIp: config.vnpay.serverIp,
        ipnAllowedIps: config.vnpay.ipnAllowedIps,
      },
    });
    const usage = createUsage({ database, clock, audit, contracts });
    const billing = createBilling({ database, clock, audit, jobs, catalog, contracts, customers, notifications, payments, usage, publicBaseUrl });
    const commissions = createCommissions({
      database,
      clock,
      audit,
      jobs,
      contracts,
      catalog,
      billing,
      identity,
      ledger: (from, to) => collectionLedger(database, from, to),
    });
    const bhttServer = config.bhtt.url ? new BhttAdapter({ baseUrl: config.bhtt.url, apiKey: config.bhtt.apiKey ?? '' }) : undefined;
    const bhttSimulated = () => (simulators.bhtt ? new BhttAdapter({ baseUrl: simulators.bhtt.url, apiKey: simulators.bhtt.apiKey }) : unconfiguredBhtt);
    const revenueFeed = createRevenueFeed({
      database,
      clock,
      audit,
      jobs,
      bhtt: orSimulator(bhttServer, 'BHTT_URL', bhttSimulated),
      billing,
      contracts,
      ledger: (from, to) => collectionLedger(database, from, to),
      commissions,
    });
    const collection = createCollection({
      database, clock, audit, jobs, contracts, customers, notifications, billing, commissions, identity, usage, publicBaseUrl,
    });
    billing.onPaid((tx, _ctx, bill, p) => collection.onBillPaid(tx, bill, p.paymentId));
    const ledgerServer =
      config.qlkh.url && config.evoucher.url
        ? new LedgerAdapter({ qlkh: { url: config.qlkh.url, apiKey: config.qlkh.apiKey ?? '' }, evoucher: { url: config.evoucher.url, apiKey: config.evoucher.apiKey ?? '' } })
        : undefined;
    const ledgerSimulated = () => {
      const sim = simulators.ledger;
      return sim ? new LedgerAdapter({ qlkh: { url: sim.url, apiKey: sim.apiKey }, evoucher: { url: sim.url, apiKey: sim.apiKey } }) : unconfiguredLedger;
    };
    const billpay = createBillpay({
      database,
      clock,
      audit,
      jobs,
      payments,
      notifications,
      identity,
      invoicing,
      ledger: orSimulator(ledgerServer, 'QLKH_URL and EVOUCHER_URL', ledgerSimulated),
      publicBaseUrl,
    });
    // eKYC: the OCR and face models load on the first verification; the tesseract workers end with the system.
    let ekycProviders: (EkycProviders & { close(): Promise<void> }) | undefined;
    closers.push(() => ekycProviders?.close());
    const ekyc = createEkyc({
      database,
      clock,
      audit,
      jobs,
      catalog,
      contracts,
      usage,
      billing,
      providers: () => (ekycProviders ??= localProviders({ cscaMasterList: config.ekyc.cscaPath })),
      vault: ImageVault.fromText(config.ekyc.imageKey),
      settings: { ...config.ekyc, publicBaseUrl },
    });
    // Meeting's control plane; the live layer (WebSocket hub, Janus) attaches with meeting.attachLive(live) and calls meeting.directory.
    const meetingSettings = { publicBaseUrl, joinSecret: config.meeting.joinSecret };
    const meeting = createMeeting({ database, clock, audit, jobs, catalog, contracts, customers, identity, notifications, settings: meetingSettings });
    const support = createSupport({
      database,
      clock,
      audit,
      jobs,
      identity,
      customers,
      calendar,
      notifications,
      contractOwner: (id, ctx) => contracts.row(id).then((c) => (!ctx || contracts.canSee(ctx, c) ? { customerId: c.customerId, number: c.number } : null)).catch(() => null),
      publicBaseUrl: config.publicBaseUrl,
      log: log.child({ component: 'support' }),
    });
    await caches.watch('sla_policies', () => support.loadPolicies());
    const feed = createFeed({ database, clock, audit, contracts, customers, support, paymentsReceived: (q) => paymentsReceived(database, q) });
    // Meeting's live layer: the WebSocket hub and the Janus media plane (JANUS_URLS, else the Janus main.ts launched).
    const janusInstances = config.meeting.janusUrls.length
      ? config.meeting.janusUrls.map((url, i) => ({ url, publicUrl: config.meeting.janusPublicUrls[i] }))
      : opts.localJanus ? [{ url: opts.localJanus.url }] : [];
    const janusPool = janusInstances.length ? new JanusPool(janusInstances, database, { adminKey: config.meeting.janusAdminKey ?? opts.localJanus?.roomAdminKey }) : null;
    closers.push(() => janusPool?.close());
    const meetingLive = await createLiveMeetings({
      directory: opts.meetingDirectory ?? meeting.directory,
      janus: janusPool,
      clock,
      database,
      log: log.child({ component: 'meeting-live' }),
      secret: mediaTicketSecret(config.sessionSecret),
      mediaHint: opts.mediaHint,
      tickMs: background ? 1000 : 0,
    });
    closers.push(() => meetingLive.close());
    meeting.attachLive(meetingLive.live);

    if (background) {
      // Other processes sharing the database may change what is cached here.
      await caches.start();
      closers.push(() => caches.stop());
      // The SMSC may be down at boot: the gateway keeps reconnecting, and queued SMS wait in the outbox.
      let stopped = false;
      void (async () => {
        for (let delay = 1000; !stopped; delay = Math.min(delay * 2, 60_000)) {
          try {
            return await sms.start();
          } catch (err) {
            log.warn({ err: (err as Error).message, retryInMs: delay }, 'SMPP bind failed; retrying');
            await new Promise((r) => setTimeout(r, delay).unref());
          }
        }
      })();
      closers.push(() => {
        stopped = true;
        return sms.stop();
      });
      if (config.workers) {
        jobs.start();
        // The audit sealer chains committed entries every second (one process at a time, ADR 0004).
        let sealing = false;
        const sealer = setInterval(() => {
          if (sealing) return;
          sealing = true;
          audit
            .seal()
            .then((r) => r.refused && log.error({ reason: r.refused }, 'audit sealing refused: run qldv audit verify'))
            .catch((err) => log.warn({ err }, 'audit sealing failed'))
            .finally(() => (sealing = false));
        }, 1000);
        sealer.unref();
        closers.push(() => clearInterval(sealer));
        // The SLA check runs every minute; the dated key makes one run per minute across all processes.
        // A failed run is retried (a ticket that fails alone is skipped inside the run and retried by the next).
        const tick = setInterval(() => {
          const minute = Math.floor(clock.now().getTime() / 60_000);
          jobs.enqueue(database.db, { queue: SLA_CHECK_QUEUE, key: `${SLA_CHECK_QUEUE}:${minute}`, payload: {}, maxAttempts: 3 }).catch((err) => log.warn({ err }, 'SLA tick failed'));
          payments.scheduleDailyReconciliation().catch((err) => log.warn({ err }, 'reconciliation scheduling failed'));
          billing.scheduleMonthlyRun().catch((err) => log.warn({ err }, 'bill run scheduling failed'));
          collection.scheduleDaily().catch((err) => log.warn({ err }, 'collection scheduling failed'));
          billpay.scheduleVatBatches().catch((err) => log.warn({ err }, 'billpay VAT batch scheduling failed'));
          billpay.scheduleEndOfDay().catch((err) => log.warn({ err }, 'billpay end-of-day scheduling failed'));
          // Commissions follow the payments ledger every 10 minutes (idempotent: keyed by payment and refund).
          const syncKey = `${COMMISSIONS_SYNC_QUEUE}:${Math.floor(minute / 10)}`;
          jobs
            .enqueue(database.db, { queue: COMMISSIONS_SYNC_QUEUE, key: syncKey, payload: {}, maxAttempts: 3 })
            .catch((err) => log.warn({ err }, 'commission sync scheduling failed'));
          revenueFeed.scheduleLastMonth().catch((err) => log.warn({ err }, 'BHTT month scheduling failed'));
          ekyc.scheduleErase().catch((err) => log.warn({ err }, 'eKYC retention scheduling failed'));
        }, 60_000);
        tick.unref();
        closers.push(() => clearInterval(tick));
        closers.push(() => jobs.stop());
      }
    }

    let server: Server | undefined;
    if (opts.http ?? true) {
      // The room page opens the live WebSocket and may call Janus directly (JANUS_PUBLIC_URLS): CSP connect-src.
      const connectSrc = cspConnectSources(config.publicBaseUrl, config.meeting.janusPublicUrls);
      server = await createServer({ logLevel: config.logLevel, logDestination, webRoot: path.join(root, 'dist/web'), version: VERSION, rateLimitPerMinute: config.rateLimit.perMinute, trustedProxies: config.trustedProxies, connectSrc });
      closers.push(() => server?.close());
      registerAuth(server, identity);
      server.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness and database check' } }, async (_req, reply) => {
        const started = Date.now();
        try {
          await database.rows(sql`select 1`);
          return { ok: true, version: VERSION, database: database.kind, dbLatencyMs: Date.now() - started, smpp: sms.bound ? 'bound' : 'down' };
        } catch {
          return reply.status(503).send({ ok: false, version: VERSION, database: 'unreachable' });
        }
      });
      const secureCookies = config.publicBaseUrl.startsWith('https://');
      identityRoutes(server, identity, { secureCookies, sessionHours: config.sessionHours, simulators: config.simulators, loginPerMinute: config.rateLimit.loginPerMinute });
      auditRoutes(server, audit);
      calendarRoutes(server, calendar);
      notificationRoutes(server, notifications, simulators.smsc);
      feedRoutes(server, feed);
      customerRoutes(server, customers);
      catalogRoutes(server, catalog);
      contractRoutes(server, contracts);
      supportRoutes(server, support);
      paymentRoutes(server, payments);
      contractMoneyRoutes(server, { database, contracts, invoicing });
      invoiceRoutes(server, invoicing);
      usageRoutes(server, usage);
      billingRoutes(server, billing);
      collectionRoutes(server, collection);
      commissionRoutes(server, commissions);
      revenueFeedRoutes(server, revenueFeed);
      billpayRoutes(server, billpay, { ledgerSim: simulators.ledger, passwordTriesPerMinute: config.rateLimit.loginPerMinute });
      await ekycRoutes(server, ekyc);
      meetingRoutes(server, meeting, { guestJoinsPerMinute: config.meeting.guestJoinsPerMinute });
      meetingLive.mount(server);
      if (config.simulators) {
        simulators.vnpay = createVnpaySimulator({
          tmnCode: config.vnpay.tmnCode,
          hashSecret: config.vnpay.hashSecret,
          ipnUrl: () => `${config.publicBaseUrl}/api/v1/payments/vnpay/ipn`,
          clock,
          logger: log.child({ sim: 'vnpay' }),
        });
        await server.register(simulators.vnpay.plugin);
      }
      await server.ready();
    }

    return { config, clock, database, jobs, caches, audit, identity, calendar, notifications, feed, customers, catalog, contracts, support, payments, invoicing,
      usage, billing, commissions, revenueFeed, collection, billpay, ekyc, meeting, meetingLive, simulators, server, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The e-invoice simulator's adapter; none for one-shot CLI commands (the simulator runs with the background services, and they push no invoice). */
function simulatedEinvoice(sim: RunningEinvoiceSimulator | undefined) {
  return sim ? new MInvoiceAdapter({ baseUrl: sim.url, username: 'qldv', password: 'qldv-einvoice', maDvcs: 'VP' }) : unconfiguredProvider;
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
