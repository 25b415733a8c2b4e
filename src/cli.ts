import { Command, CommanderError } from 'commander';
import cliProgress from 'cli-progress';
import { createSystem, type System } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { systemCtx } from './platform/context.ts';
import { AppError, exitCodeFor, isAppError } from './platform/errors.ts';
import { ROLES, type Role } from './modules/identity/index.ts';

/**
 * `qldv` — the same composition root as the server, without HTTP. Exit codes: 0 ok, 1 unexpected,
 * 2 bad usage or input, 3 not allowed, 4 not found, 5 conflict or broken state (e.g. audit chain).
 */
const ctx = () => systemCtx(`cli:${process.env.USER ?? 'operator'}`);

async function withSystem<T>(fn: (s: System) => Promise<T>): Promise<T> {
  const system = await createSystem(loadConfig(), { http: false, background: false });
  try {
    return await fn(system);
  } finally {
    await system.close();
  }
}

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

export function buildCli(): Command {
  const program = new Command('qldv').description('QLDV — MobiFone IT-service management').exitOverride();

  const db = program.command('db').description('database');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      const database = await openDatabase(loadConfig().database);
      try {
        await database.migrate();
        console.log(`migrations applied (${database.kind})`);
      } finally {
        await database.close();
      }
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
      if (unknown.length || roles.length === 0) throw new AppError('VALIDATION_FAILED', { roles: unknown }, `unknown roles: ${unknown.join(', ') || '(none given)'}`);
      await withSystem(async (s) => {
        const unit = o.unit ? s.identity.orgUnitByCode(o.unit) : undefined;
        if (o.unit && !unit) throw new AppError('VALIDATION_FAILED', { unit: o.unit }, `unknown org unit ${o.unit}`);
        const user = await s.identity.createUser(ctx(), {
          username: o.username,
          password: o.password,
          fullName: o.fullName,
          email: o.email,
          phone: o.phone,
          roles: roles as Role[],
          orgUnitId: unit?.id,
        });
        console.log(`created ${user.username} (${user.id})`);
      });
    });

  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description('re-compute the hash chain; exit 5 if any entry was edited or deleted')
    .action(async () => {
      await withSystem(async (s) => {
        const bar = progressBar('verifying {bar} {value}/{total} entries');
        const result = await s.audit.verify(bar.update);
        bar.stop();
        if (!result.ok) {
          console.error(`audit chain BROKEN at entry ${result.firstBrokenId} (${result.checked} entries verified before it)`);
          process.exitCode = 5;
          return;
        }
        console.log(`audit chain OK: ${result.checked} entries verified`);
      });
    });

  const calendar = program.command('calendar').description('working-day calendar');
  const addDay = (kind: 'off' | 'work') => async (date: string, name: string[]) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new AppError('VALIDATION_FAILED', { date }, 'date must be YYYY-MM-DD');
    const label = name.join(' ').trim();
    if (label.length < 2) throw new AppError('VALIDATION_FAILED', { name: label }, 'give the day a name');
    await withSystem(async (s) => {
      const o = await s.calendar.addOverride(ctx(), { date, kind, name: label });
      console.log(`${kind === 'off' ? 'day off' : 'make-up working day'} ${o.date} added (${o.id})`);
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
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(o.date))) throw new AppError('VALIDATION_FAILED', { date: o.date }, 'date must be YYYY-MM-DD');
      await withSystem(async (s) => {
        const bar = progressBar('settling through querydr {bar} {value}/{total}');
        const r = await s.payments.reconcile(o.date, bar.update);
        bar.stop();
        const m = r.summary;
        console.log(`${o.date}: ${m.matched} matched (${m.matchedVnd} ₫), ${m.pendingHere} still pending here, ${m.unknownHere} unknown here, ${m.missingAtVnpay} missing at VNPay, ${m.amountMismatch} amount differences`);
        if (m.pendingHere + m.unknownHere + m.missingAtVnpay + m.amountMismatch > 0) process.exitCode = 5;
      });
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (isAppError(err)) {
      console.error(`error ${err.code}: ${err.localizedMessage('en')}`);
      return exitCodeFor(err.code);
    }
    console.error(err);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
