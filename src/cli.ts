import { Command, CommanderError } from 'commander';
import cliProgress from 'cli-progress';
import { createSystem, type System } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { openDatabase } from './db/client.ts';
import { systemCtx } from './platform/context.ts';
import { exitCodeFor, fail, isAppError } from './platform/errors.ts';
import { ROLES, type Role } from './modules/identity/index.ts';
import { isPeriod } from './modules/usage/index.ts';

/**
 * `qldv` — the same composition root as the server, without HTTP. Exit codes: 0 ok, 1 unexpected,
 * 2 bad usage or input, 3 not allowed, 4 not found, 5 conflict or broken state (e.g. audit chain).
 */
const DATE_FORMAT = { vi: 'ngày phải có dạng YYYY-MM-DD', en: 'date must be YYYY-MM-DD' };
const ctx = () => systemCtx(`cli:${process.env.USER ?? 'operator'}`);

export interface CliOptions {
  /** Runs the commands on this system instead of booting one from the environment (tests). */
  system?: System;
  /** Where results and errors are written (the console by default). */
  io?: { out(line: string): void; err(line: string): void };
}

const CONSOLE = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

/** A progress bar on stderr that appears with the first report of progress. */
function progressBar(format: string) {
  const bar = new cliProgress.SingleBar({ format, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (done: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

/** The command tree; `result.exitCode` is what a command decided (5 for a broken audit chain …). */
export function buildCli(opts: CliOptions = {}): { program: Command; result: { exitCode: number } } {
  const { out, err } = opts.io ?? CONSOLE;
  const result = { exitCode: 0 };
  const withSystem = async <T,>(fn: (s: System) => Promise<T>): Promise<T> => {
    if (opts.system) return fn(opts.system);
    const system = await createSystem(loadConfig(), { http: false, background: false });
    try {
      return await fn(system);
    } finally {
      await system.close();
    }
  };

  const program = new Command('qldv')
    .description('QLDV — MobiFone IT-service management')
    .exitOverride()
    .configureOutput({ writeOut: (t) => out(t.trimEnd()), writeErr: (t) => err(t.trimEnd()) });

  const db = program.command('db').description('database');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      // The database alone: booting the whole system would already have migrated it.
      const database = opts.system?.database ?? (await openDatabase(loadConfig().database));
      try {
        await database.migrate();
        out(`migrations applied (${database.kind})`);
      } finally {
        if (!opts.system) await database.close();
      }
    });

  db.command('backup')
    .description('write the whole database to a file (PGlite: its data directory, gzipped; PostgreSQL: pg_dump custom format)')
    .argument('<file>')
    .action(async (file: string) => {
      const config = loadConfig();
      await backupDatabase(config.database, file);
      out(`backup written to ${file} (${config.database.kind})`);
    });
  db.command('restore')
    .description('replace the database with a backup (PGlite: into an empty data directory), then verify the audit chain')
    .argument('<file>')
    .action(async (file: string) => {
      const config = loadConfig();
      await restoreDatabase(config.database, file);
      await withSystem(async (s) => {
        const v = await s.audit.verify();
        out(`restored ${file} (${config.database.kind}); audit chain ${v.ok ? `OK: ${v.checked} entries` : `BROKEN: ${v.reason}`}`);
        if (!v.ok) result.exitCode = 5;
      });
    });

  const users = program.command('users').description('user accounts');
  users
    .command('create')
    .description('create a user')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>')
    .requiredOption('--full-name <name>')
    .requiredOption('--email <email>')
    .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
    .option('--unit <code>', 'org unit code, e.g. CTKV1-KHDN')
    .option('--phone <phone>')
    .action(async (o: { username: string; password: string; fullName: string; email: string; roles: string; unit?: string; phone?: string }) => {
      const roles = o.roles.split(',').map((r) => r.trim()).filter(Boolean);
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length || roles.length === 0) throw fail('VALIDATION_FAILED', { roles: unknown }, { vi: `vai trò không tồn tại: ${unknown.join(', ') || '(chưa nêu)'}`, en: `unknown roles: ${unknown.join(', ') || '(none given)'}` });
      await withSystem(async (s) => {
        const unit = o.unit ? s.identity.orgUnitByCode(o.unit) : undefined;
        if (o.unit && !unit) throw fail('VALIDATION_FAILED', { unit: o.unit }, { vi: `không có đơn vị ${o.unit}`, en: `unknown org unit ${o.unit}` });
        const user = await s.identity.createUser(ctx(), {
          username: o.username,
          password: o.password,
          fullName: o.fullName,
          email: o.email,
          phone: o.phone,
          roles: roles as Role[],
          orgUnitId: unit?.id,
        });
        out(`created ${user.username} (${user.id})`);
      });
    });

  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description('seal what has committed, re-compute the hash chain and check the signed checkpoint; exit 5 if any entry was edited, deleted or inserted, or the tail cut')
    .action(async () => {
      await withSystem(async (s) => {
        const bar = progressBar('verifying {bar} {value}/{total} entries');
        const verified = await s.audit.verify(bar.update);
        bar.stop();
        if (!verified.ok) {
          const where = verified.firstBrokenId === undefined ? `position ${verified.brokenAt}` : `entry ${verified.firstBrokenId}`;
          err(`audit chain BROKEN at ${where}: ${verified.reason} (${verified.checked} entries verified before it)`);
          result.exitCode = 5;
          return;
        }
        const anchored = verified.checkpoint ? `, checkpoint ${verified.checkpoint.seq} of ${verified.checkpoint.at} matches` : ', no checkpoint yet';
        out(`audit chain OK: ${verified.checked} entries verified${anchored}${verified.pending ? `, ${verified.pending} not sealed yet` : ''}`);
      });
    });

  const calendar = program.command('calendar').description('working-day calendar');
  const addDay = (kind: 'off' | 'work') => async (date: string, name: string[]) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw fail('VALIDATION_FAILED', { date }, DATE_FORMAT);
    const label = name.join(' ').trim();
    if (label.length < 2) throw fail('VALIDATION_FAILED', { name: label }, { vi: 'hãy đặt tên cho ngày này', en: 'give the day a name' });
    await withSystem(async (s) => {
      const o = await s.calendar.addOverride(ctx(), { date, kind, name: label });
      out(`${kind === 'off' ? 'day off' : 'make-up working day'} ${o.date} added (${o.id})`);
    });
  };
  calendar.command('add-off-day').description('add an extra day off').argument('<date>', 'YYYY-MM-DD').argument('<name...>').action(addDay('off'));
  calendar.command('add-work-day').description('add a make-up working day (e.g. a Saturday)').argument('<date>', 'YYYY-MM-DD').argument('<name...>').action(addDay('work'));

  const payments = program.command('payments').description('VNPay payments');
  payments
    .command('reconcile')
    .description("compare a day's VNPay transactions with ours; settle lost IPNs through querydr; exit 5 if differences remain")
    .requiredOption('--date <date>', 'YYYY-MM-DD (Hà Nội time)')
    .action(async (o: { date: string }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(o.date))) throw fail('VALIDATION_FAILED', { date: o.date }, DATE_FORMAT);
      await withSystem(async (s) => {
        const bar = progressBar('settling through querydr {bar} {value}/{total}');
        const r = await s.payments.reconcile(o.date, bar.update);
        bar.stop();
        const m = r.summary;
        out(`${o.date}: ${m.matched} matched (${m.matchedVnd} ₫), ${m.pendingHere} still pending here, ${m.unknownHere} unknown here, ${m.missingAtVnpay} missing at VNPay, ${m.amountMismatch} amount differences`);
        if (m.pendingHere + m.unknownHere + m.missingAtVnpay + m.amountMismatch > 0) result.exitCode = 5;
      });
    });

  const billing = program.command('billing').description('postpaid bills');
  billing
    .command('run')
    .description('bill a past month: every postpaid contract gets its bill, e-mailed by the server\'s workers (a rerun changes nothing)')
    .requiredOption('--period <period>', 'YYYY-MM (Hà Nội time)')
    .action(async (o: { period: string }) => {
      if (!isPeriod(o.period)) throw fail('VALIDATION_FAILED', { period: o.period }, { vi: 'kỳ phải có dạng YYYY-MM', en: 'period must be YYYY-MM' });
      await withSystem(async (s) => {
        const run = await s.billing.createRun(ctx(), o.period);
        const bar = progressBar('billing contracts {bar} {value}/{total}');
        const done = await s.billing.executeRun(run.id, bar.update);
        bar.stop();
        out(`${o.period}: ${done.contractsDone} contracts, ${done.billsCreated} new bills (run ${done.id})`);
      });
    });

  const periodOption = (period: string) => {
    if (!isPeriod(period)) throw fail('VALIDATION_FAILED', { period }, { vi: 'kỳ phải có dạng YYYY-MM', en: 'period must be YYYY-MM' });
  };
  program
    .command('collection')
    .description('collection and debt')
    .command('run')
    .description("today's collection run: overdue bills, then each contract's reminders, suspension, lock or reopening (no step twice)")
    .action(() =>
      withSystem(async (s) => {
        const r = await s.collection.runDaily();
        out(`${r.overdue} bills fell due, ${r.evaluated} contracts evaluated, ${r.steps} steps taken`);
      }),
    );
  program
    .command('commissions')
    .description('commissions on collected money')
    .command('sync')
    .description("accrue a month's commissions from the payments ledger (a rerun adds nothing)")
    .requiredOption('--period <period>', 'YYYY-MM (Hà Nội time)')
    .action(async (o: { period: string }) => {
      periodOption(o.period);
      await withSystem(async (s) => out(`${o.period}: ${await s.commissions.sync(o.period)} lines added`));
    });

  return { program, result };
}

/** Runs one command line and returns its exit code. */
export async function runCli(argv: string[], opts: CliOptions = {}): Promise<number> {
  const { program, result } = buildCli(opts);
  const { err } = opts.io ?? CONSOLE;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    if (isAppError(e)) {
      err(`error ${e.code}: ${e.localizedMessage('en')}`);
      return exitCodeFor(e.status);
    }
    err(String((e as Error)?.stack ?? e));
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
