import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { BHTT_RECORDS_PATH, bhttRecordProblems, sameBhttRecord, type BhttAnswer, type BhttRecord } from '../../protocols/bhtt/protocol.ts';
import { silentLogger, type Logger } from '../../platform/log-sink.ts';

/**
 * A local stand-in for BHTT's revenue feed (`src/protocols/bhtt/protocol.ts`) on its own port:
 * records upserted by id (a repeat with the same content changes nothing; new content makes a new
 * revision), read back by id. Faults prove the client's retry and lookup-before-retry:
 * `down` answers 503 without storing; `timeout_after_commit` stores, then drops the connection.
 */
export type BhttFault = 'down' | 'timeout_after_commit';

export interface BhttCall {
  method: 'PUT' | 'GET';
  recordId: string;
  outcome: string;
}

export interface RunningBhttSimulator {
  url: string;
  port: number;
  apiKey: string;
  records(): (BhttRecord & { receivedAt: string; revision: number })[];
  calls(): BhttCall[];
  inject(fault: BhttFault, times?: number): void;
  stop(): Promise<void>;
}

export const BHTT_SIMULATOR_KEY = 'qldv-bhtt-simulator-key';

export interface BhttSimulatorOptions {
  port?: number;
  apiKey?: string;
  clock?: { now(): Date };
  logger?: Logger;
}

export async function startBhttSimulator(opts: BhttSimulatorOptions = {}): Promise<RunningBhttSimulator> {
  const apiKey = opts.apiKey ?? BHTT_SIMULATOR_KEY;
  const clock = opts.clock ?? { now: () => new Date() };
  const log = opts.logger ?? silentLogger;
  const store = new Map<string, BhttRecord & { receivedAt: string; revision: number }>();
  const calls: BhttCall[] = [];
  const faults = new Map<BhttFault, number>();
  const take = (f: BhttFault) => {
    const n = faults.get(f) ?? 0;
    if (n > 0) faults.set(f, n - 1);
    return n > 0;
  };
  const answer = (reply: FastifyReply, status: number, a: BhttAnswer) => reply.code(status).send(a);

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(reply, 401, { code: '02', message: 'unauthorized' });
  });
  app.put(`${BHTT_RECORDS_PATH}/:id`, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (take('down')) {
      calls.push({ method: 'PUT', recordId: id, outcome: 'HTTP 503' });
      return reply.code(503).send('unavailable');
    }
    const body = (req.body ?? {}) as BhttRecord;
    const problems = bhttRecordProblems(body, id);
    if (problems.length) {
      calls.push({ method: 'PUT', recordId: id, outcome: '01' });
      return answer(reply, 400, { code: '01', message: problems.join('; ') });
    }
    const old = store.get(id);
    const stored = old && sameBhttRecord(old, body) ? old : { ...body, receivedAt: clock.now().toISOString(), revision: (old?.revision ?? 0) + 1 };
    store.set(id, stored);
    log.info({ recordId: id, revision: stored.revision }, 'BHTT record stored');
    if (take('timeout_after_commit')) {
      calls.push({ method: 'PUT', recordId: id, outcome: 'hang' });
      reply.raw.destroy();
      return reply;
    }
    calls.push({ method: 'PUT', recordId: id, outcome: '00' });
    return answer(reply, 200, { code: '00', message: 'stored', record: stored });
  });
  app.get(`${BHTT_RECORDS_PATH}/:id`, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const r = store.get(id);
    calls.push({ method: 'GET', recordId: id, outcome: r ? '00' : '04' });
    return r ? answer(reply, 200, { code: '00', message: 'found', record: r }) : answer(reply, 404, { code: '04', message: 'not found' });
  });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    apiKey,
    records: () => [...store.values()].map((r) => ({ ...r })),
    calls: () => calls.map((c) => ({ ...c })),
    inject(fault, times = 1) {
      faults.set(fault, (faults.get(fault) ?? 0) + times);
    },
    stop: () => app.close(),
  };
}
