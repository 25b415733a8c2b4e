import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Worker threads that check packed batches of seals (domain/packed.ts) while the next batches are
 * read: each seal carries its previous hash, so a batch is checked on its own (the caller checks that
 * it continues the batch before).
 */
export interface HashPool {
  /** The index of the first seal in `data` whose HMAC fails or that does not link to the one before; -1 when all hold. */
  firstBad(data: string): Promise<number>;
  close(): Promise<void>;
}

export function hashPool(key: string, size = Math.max(2, Math.min(4, cpus().length))): HashPool {
  const workers = Array.from({ length: size }, () => ({ worker: new Worker(new URL('./hash-worker.mjs', import.meta.url), { workerData: { key } }), busy: 0 }));
  const waiting = new Map<number, { resolve: (bad: number) => void; reject: (err: unknown) => void; w: (typeof workers)[number] }>();
  let nextId = 0;
  for (const w of workers) {
    w.worker.on('message', (m: { id: number; bad: number }) => {
      const job = waiting.get(m.id);
      if (!job) return;
      waiting.delete(m.id);
      w.busy -= 1;
      job.resolve(m.bad);
    });
    w.worker.on('error', (err) => {
      for (const [id, job] of waiting) if (job.w === w) waiting.delete(id) && job.reject(err);
    });
  }
  return {
    firstBad(data) {
      // The least busy worker: batches arrive in order and take about the same time each.
      const w = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      w.busy += 1;
      return new Promise<number>((resolve, reject) => {
        waiting.set(id, { resolve, reject, w });
        w.worker.postMessage({ id, data });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
