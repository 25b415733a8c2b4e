import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Worker threads that check seals' HMACs in parallel: each seal stores its previous hash, so the
 * checks are independent of each other (the links are checked in order by the caller).
 */
export interface HashPool {
  /** True when every row's HMAC over `prev + "\n" + covered` equals its hash. */
  allValid(rows: { prevHash: string; covered: string; hash: string }[]): Promise<boolean>;
  close(): Promise<void>;
}

export function hashPool(key: string, size = Math.max(2, Math.min(4, cpus().length))): HashPool {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./hash-worker.mjs', import.meta.url), { workerData: { key } }));
  let nextId = 0;
  const ask = (w: Worker, rows: { prevHash: string; covered: string; hash: string }[]) =>
    new Promise<boolean>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (m: { id: number; bad: number }) => {
        if (m.id !== id) return;
        w.off('message', onMessage);
        w.off('error', reject);
        resolve(m.bad === -1);
      };
      w.on('message', onMessage);
      w.once('error', reject);
      w.postMessage({ id, prev: rows.map((r) => r.prevHash), bodies: rows.map((r) => r.covered), hashes: rows.map((r) => r.hash) });
    });
  return {
    async allValid(rows) {
      const per = Math.ceil(rows.length / workers.length);
      const answers = await Promise.all(workers.map((w, i) => ask(w, rows.slice(i * per, (i + 1) * per))));
      return answers.every(Boolean);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
