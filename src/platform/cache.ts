import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { redactError } from './log.ts';

/** Where the bump trigger (migration 0010) announces a changed cache. */
export const CACHE_CHANNEL = 'qldv_cache';

/** The tables each process keeps in memory; migrations 0010 and 0028 put a bump trigger on each of them. */
export type CacheName = 'org_units' | 'calendar' | 'sla_policies' | 'catalog';

/**
 * In-memory copies of rarely changed tables, kept fresh across processes sharing one database. Any
 * change to a cached table (through any process, or by hand) bumps its row in `platform.cache_versions`
 * in the same transaction and NOTIFYs on commit; every listening process then reloads the caches whose
 * version moved. A slow poll covers notifications lost with a connection.
 */
export class Caches {
  private readonly watched = new Map<CacheName, { version: string; reload: () => Promise<void> }>();
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly log?: { warn(obj: object, msg: string): void },
  ) {}

  /** Loads a cache now and again whenever its version moves. */
  async watch(name: CacheName, reload: () => Promise<void>): Promise<void> {
    // The version is read before the load: a change committed in between is reloaded on the next refresh.
    const version = (await this.versions()).get(name) ?? '0';
    await reload();
    this.watched.set(name, { version, reload });
  }

  /** Reloads every watched cache whose version moved. Calls made while one is waiting share it. */
  refresh(): Promise<void> {
    if (!this.queued) {
      const run = this.current.then(() => {
        this.queued = undefined;
        return this.reloadChanged();
      });
      this.queued = run;
      this.current = run.catch((err) => this.log?.warn({ err: redactError(err) }, 'cache reload failed; retried on the next change or poll'));
    }
    return this.queued;
  }

  /** Follows changes made by other processes (not needed by one-shot CLI commands). */
  async start(pollMs = 30_000): Promise<void> {
    const refresh = () => void this.refresh().catch(() => {}); // logged in refresh()
    this.unlisten = await this.database.listen(CACHE_CHANNEL, refresh);
    await this.refresh(); // anything changed between watch() and listening
    this.poll = setInterval(refresh, pollMs);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    await this.unlisten?.();
    await this.current;
  }

  private async reloadChanged(): Promise<void> {
    const versions = await this.versions();
    for (const [name, entry] of this.watched) {
      const version = versions.get(name) ?? '0';
      if (version === entry.version) continue;
      await entry.reload();
      entry.version = version;
    }
  }

  private async versions(): Promise<Map<string, string>> {
    const rows = await this.database.rows<{ name: string; version: string }>(sql`select name, version::text as version from platform.cache_versions`);
    return new Map(rows.map((r) => [r.name, r.version]));
  }
}
