import { createHash } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { fail } from './errors.ts';
import { newId } from './ids.ts';
import { files } from './schema.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Accepted types, recognised by their first bytes: the declared name or type is not trusted. */
const SIGNATURES: { mime: string; magic: number[] }[] = [
  { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export function sniffMime(content: Buffer): string | null {
  return SIGNATURES.find((s) => s.magic.every((b, i) => content[i] === b))?.mime ?? null;
}

/** Decodes and checks an upload (base64 in JSON): size limit, real type, a clean file name. */
export function acceptUpload(name: string, contentBase64: string): { name: string; mime: string; content: Buffer } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) throw fail('VALIDATION_FAILED', { field: 'contentBase64' }, { vi: 'nội dung tệp không phải base64', en: 'the content is not base64' });
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw fail('VALIDATION_FAILED', { field: 'contentBase64' }, { vi: 'tệp rỗng', en: 'the file is empty' });
  if (content.length > MAX_FILE_BYTES) throw fail('FILE_TOO_LARGE', { size: content.length });
  const mime = sniffMime(content);
  if (!mime) throw fail('FILE_TYPE_NOT_ALLOWED');
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 200) || 'tep';
  return { name: clean, mime, content };
}

export async function storeFile(tx: Executor, f: { ownerType: string; ownerId: string; name: string; mime: string; content: Buffer; uploadedBy: string | null; now: Date }) {
  const row = {
    id: newId('file', f.now),
    ownerType: f.ownerType,
    ownerId: f.ownerId,
    name: f.name,
    mime: f.mime,
    size: f.content.length,
    sha256: createHash('sha256').update(f.content).digest('hex'),
    content: f.content,
    uploadedBy: f.uploadedBy,
    createdAt: f.now,
  };
  await tx.insert(files).values(row);
  const { content: _c, ...meta } = row;
  return meta;
}

export async function listFiles(ex: Executor, ownerType: string, ownerId: string) {
  return ex
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, sha256: files.sha256, uploadedBy: files.uploadedBy, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, ownerType), eq(files.ownerId, ownerId)))
    .orderBy(asc(files.createdAt));
}

/** How many files each owner has (owners without any are absent). */
export async function countFiles(ex: Executor, ownerType: string, ownerIds: string[]): Promise<Map<string, number>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await ex
    .select({ ownerId: files.ownerId, n: count() })
    .from(files)
    .where(and(eq(files.ownerType, ownerType), inArray(files.ownerId, ownerIds)))
    .groupBy(files.ownerId);
  return new Map(rows.map((r) => [r.ownerId, Number(r.n)]));
}

export async function readFile(ex: Executor, ownerType: string, ownerId: string, id: string) {
  const [f] = await ex.select().from(files).where(and(eq(files.id, id), eq(files.ownerType, ownerType), eq(files.ownerId, ownerId)));
  if (!f) throw fail('NOT_FOUND', { file: id });
  return f;
}
