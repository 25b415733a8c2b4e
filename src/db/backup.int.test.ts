import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, freshDatabaseUrl, noDatabase } from '../../test/system.ts';
import { systemCtx } from '../platform/context.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

/** Issue 10 item 7: qldv db backup / restore, round trip with the audit chain still verifiable. */
describe.skipIf(noDatabase)(`database backup and restore (${driver})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qldv-backup-'));
  const env = { QLDV_AUDIT_CHECKPOINT_FILE: path.join(dir, 'checkpoint.json') };
  const file = path.join(dir, driver === 'pglite' ? 'qldv.tar.gz' : 'qldv.dump');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entries = async (s: { database: { rows<T>(q: ReturnType<typeof sql>): Promise<T[]> } }) =>
    Number((await s.database.rows<{ n: string }>(sql`select count(*)::text as n from audit.entries`))[0].n);

  it.skipIf(driver !== 'pglite')('PGlite: the data directory round-trips into an empty one, and the chain verifies against the same checkpoint', async () => {
    const data = path.join(dir, 'data');
    const s = await createTestSystem({ env: { ...env, QLDV_DATA_DIR: data } });
    await s.login('admin');
    const before = await s.audit.verify();
    expect(before).toMatchObject({ ok: true, checkpoint: { seq: before.checked } });
    const count = await entries(s);
    await s.close();
    await backupDatabase(s.config.database, file);

    await expect(restoreDatabase(s.config.database, file)).rejects.toThrow(/not empty/);
    const restoredDir = path.join(dir, 'restored');
    await restoreDatabase({ kind: 'pglite', dataDir: restoredDir }, file);
    const t = await createTestSystem({ env: { ...env, QLDV_DATA_DIR: restoredDir } });
    try {
      expect(await entries(t)).toBe(count);
      expect(await t.audit.verify()).toMatchObject({ ok: true, checked: before.checked, checkpoint: { seq: before.checked } });
    } finally {
      await t.close();
    }
  });

  it.skipIf(driver !== 'postgres')('PostgreSQL: pg_dump then pg_restore --clean brings the database back, and the chain verifies', async () => {
    const s = await createTestSystem({ env });
    try {
      await s.login('admin');
      const before = await s.audit.verify();
      const count = await entries(s);
      await backupDatabase(s.config.database, file);
      // Written after the backup, not sealed yet: the restore takes it away.
      await s.database.db.transaction((tx) => s.audit.record(tx, systemCtx(), { action: 'test.after_backup', entityType: 'test' }));
      expect(await entries(s)).toBe(count + 1);
      await restoreDatabase(s.config.database, file);
      expect(await entries(s)).toBe(count);
      expect(await s.audit.verify()).toMatchObject({ ok: true, checked: before.checked, checkpoint: { seq: before.checked } });

      // Into another database: the same trail.
      const url = (await freshDatabaseUrl())!;
      await restoreDatabase({ kind: 'postgres', url }, file);
      const t = await createTestSystem({ env, databaseUrl: url });
      try {
        expect(await t.audit.verify()).toMatchObject({ ok: true, checked: before.checked });
      } finally {
        await t.close();
      }
    } finally {
      await s.close();
    }
  });
});
