import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { createLogger, redactError, safeMessage } from './log.ts';

const SECRET = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0$aGFzaA';

/** What node-postgres / PGlite raise for a NOT NULL violation: the failing row is in `detail`. */
function notNullViolation() {
  return Object.assign(new Error('null value in column "email" of relation "users" violates not-null constraint'), {
    severity: 'ERROR',
    code: '23502',
    detail: `Failing row contains (usr_1, admin, ${SECRET}, null).`,
    schema: 'identity',
    table: 'users',
    column: 'email',
    query: 'insert into "identity"."users" ("id", "username", "password_hash") values ($1, $2, $3)',
    params: ['usr_1', 'admin', SECRET],
  });
}

describe('log redaction', () => {
  it('a failed query keeps its SQL, code, table and column but loses its parameters and the offending row', () => {
    const cause = notNullViolation();
    const err = new DrizzleQueryError(cause.query, cause.params, cause);
    expect(err.message).toContain(SECRET); // what Drizzle would have logged
    const safe = redactError(err) as Error & { query: string; cause: Record<string, unknown> };
    expect(JSON.stringify({ ...safe, message: safe.message, stack: safe.stack, cause: { ...safe.cause, stack: (safe.cause as { stack?: string }).stack } })).not.toContain('argon2id');
    expect(safe.message).toBe(`Failed query: ${cause.query}`);
    expect(safe.query).toBe(cause.query);
    expect(safe.cause).toMatchObject({ code: '23502', table: 'users', column: 'email', message: cause.message });
    expect(safe.cause).not.toHaveProperty('detail');
    expect(safe.cause).not.toHaveProperty('params');
  });

  it("PostgreSQL's data errors lose the quoted value", () => {
    const err = Object.assign(new Error('invalid input syntax for type integer: "0912345678"'), { code: '22P02' });
    expect(safeMessage(err)).toBe('invalid input syntax for type integer: "***"');
    expect(safeMessage(new Error('plain'))).toBe('plain');
  });

  it('the logger writes errors through the redaction', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    const cause = notNullViolation();
    log.error({ err: new DrizzleQueryError(cause.query, cause.params, cause), user: { password: 'hunter22' } }, 'request failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('argon2id');
    expect(lines[0]).not.toContain('hunter22');
    // pino appends the cause's message: what failed, still without a value
    expect(JSON.parse(lines[0]).err).toMatchObject({ message: `Failed query: ${cause.query}: ${cause.message}`, query: cause.query });
  });
});
