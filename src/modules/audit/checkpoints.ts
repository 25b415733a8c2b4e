import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCheckpoint, type Checkpoint } from './domain/checkpoint.ts';

/** Where the signed head is kept, outside the database. */
export interface CheckpointStore {
  /** The last checkpoint written, null when there is none yet, 'malformed' when it cannot be read as one. */
  read(): Promise<Checkpoint | null | 'malformed'>;
  write(c: Checkpoint): Promise<void>;
  readonly where: string;
}

/** A file, replaced atomically (written beside it, then renamed over it). */
export function fileCheckpoints(file: string): CheckpointStore {
  return {
    where: file,
    async read() {
      const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      return text === null ? null : parseCheckpoint(text);
    },
    async write(c) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(c)}\n`, { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}

/** For an in-memory system (tests, `memory://`): outside the database, gone with the process. */
export function memoryCheckpoints(): CheckpointStore {
  let last: Checkpoint | null = null;
  return {
    where: 'memory',
    read: async () => last,
    write: async (c) => void (last = c),
  };
}
