import pino, { type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/** Paths and fields whose values never reach the logs. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.csrfToken',
  '*.passwordHash',
];

/** Database error fields that say what failed without carrying any value (`detail` may hold a whole row). */
const SAFE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'routine', 'statusCode'] as const;

/**
 * An error as it may be logged or stored: a failed query keeps its SQL text and error code, never its
 * bound parameters or the offending row (a password hash, a phone number …). Follows `cause`.
 */
export function redactError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 5) return err;
  const e = err as Error & Record<string, unknown>;
  const out = new Error(safeMessage(e)) as Error & Record<string, unknown>;
  out.name = e.name;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  out.stack = [`${e.name}: ${out.message}`, ...frames].join('\n');
  for (const f of SAFE_FIELDS) if (e[f] !== undefined) out[f] = e[f];
  if (typeof e.query === 'string') out.query = e.query;
  if (e.cause !== undefined) out.cause = redactError(e.cause, depth + 1);
  return out;
}

/** The message without values: Drizzle appends `params: …`; PostgreSQL's data errors quote the bad value. */
export function safeMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: unknown };
  let message = e.message.replace(/\nparams: [\s\S]*$/, '');
  if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) message = message.replace(/"[^"]*"/g, '"***"');
  return message;
}

/** The one logger factory: JSON lines, secrets redacted, database errors without their values. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '***' },
      serializers: { err: (err: unknown) => pino.stdSerializers.err(redactError(err) as Error) },
    },
    destination,
  );
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, shown in the line's head or not at all. */
const HEAD = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'sim', 'module']);

/**
 * One JSON log entry as a developer reads it: `10:02:03 INFO  [vnpay] message key=value`, the time in
 * Asia/Ho_Chi_Minh, an error's stack on the following lines.
 */
export function prettyLine(entry: Record<string, unknown>): string {
  const time = typeof entry.time === 'number' ? new Date(entry.time + 7 * 3_600_000).toISOString().slice(11, 19) : '--:--:--';
  const level = LEVELS[entry.level as number] ?? String(entry.level);
  const tag = entry.sim ?? entry.module;
  const rest = Object.entries(entry)
    .filter(([k, v]) => !HEAD.has(k) && k !== 'err' && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const head = [time, level, tag ? `[${String(tag)}]` : '', String(entry.msg ?? ''), ...rest].filter(Boolean).join(' ');
  const err = entry.err as { stack?: string; message?: string } | undefined;
  return err ? `${head}\n  ${(err.stack ?? err.message ?? '').split('\n').join('\n  ')}` : head;
}

/** A pino destination that prints `prettyLine`s (development); a line that is not JSON passes as it is. */
export function prettyDestination(out: { write(s: string): unknown } = process.stdout): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        out.write(line);
        return;
      }
      out.write(`${prettyLine(entry)}\n`);
    },
  };
}
