import { once } from 'node:events';

/** Where `copyCsv` loads: a table (temporary or not) and the columns the file's fields go to, in order. */
export interface CopyTarget {
  table: string;
  columns: readonly string[];
}

/** The slice of node-postgres' connection a COPY needs (pg's own `Connection`). */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Uint8Array): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

interface PgQueryable {
  query(q: object): unknown;
}

interface PgliteQueryable {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<{ affectedRows?: number }>;
}

const ident = (name: string) => name.split('.').map((p) => `"${p.replaceAll('"', '""')}"`).join('.');

/** The COPY statement of a CSV file with a header line (skipped: the caller has checked it). */
export function copyStatement(into: CopyTarget, source: 'STDIN' | "'/dev/blob'"): string {
  return `COPY ${ident(into.table)} (${into.columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT csv, HEADER true)`;
}

/**
 * The driver's client behind a Drizzle database or transaction. Drizzle keeps it on its session
 * (`session.client`: a pg Pool or PoolClient, a PGlite instance or PGlite transaction); COPY and
 * running a statement built once (prepared.ts) on the caller's connection are not in Drizzle's API,
 * so this is the one place that reaches past it.
 */
export function driverClient(ex: object): unknown {
  const client = (ex as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('no driver client behind this executor');
  return client;
}

/**
 * `COPY … FROM STDIN` on a node-postgres client: sends `data` as it is (already in COPY's CSV format),
 * minding the socket's back-pressure; answers the rows copied. pg runs it as any query (a "submittable"),
 * so it takes its turn on the client and, inside a transaction, is part of it.
 */
export function pgCopyFrom(client: PgQueryable, statement: string, data: readonly Uint8Array[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failure: Error | null = null;
    const send = async (con: PgConnection) => {
      for (const chunk of data) {
        if (failure) return; // the server refused the data already (it ignores what follows)
        // pg's writer copies with Buffer#copy: a plain Uint8Array (what fetch yields) is viewed as a Buffer, not copied.
        con.sendCopyFromChunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (con.stream.writableNeedDrain) await once(con.stream as NodeJS.EventEmitter, 'drain');
      }
      con.endCopyFrom();
    };
    client.query({
      submit: (con: PgConnection) => {
        con.query(statement); // returns nothing: pg takes a truthy answer for an error
      },
      handleCopyInResponse: (con: PgConnection) => void send(con).catch((err: Error) => con.sendCopyFail(err.message)),
      handleCommandComplete: (msg: { text?: string }) => {
        rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
      },
      // pg drops the query on an error (its ReadyForQuery then goes to no one): fail now.
      handleError: (err: Error) => {
        failure = err;
        reject(err);
      },
      handleReadyForQuery: () => resolve(rows),
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    });
  });
}

/** PGlite reads a COPY's data from a blob it mounts as `/dev/blob`. */
export async function pgliteCopyFrom(client: PgliteQueryable, statement: string, data: readonly Uint8Array[]): Promise<number> {
  const res = await client.query(statement, [], { blob: new Blob(data as unknown as BlobPart[]) });
  return res.affectedRows ?? 0;
}
