import { describe, expect, it } from 'vitest';
import { acceptUpload, MAX_FILE_BYTES, sniffMime } from './files.ts';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);

describe('uploads', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffMime(pdf)).toBe('application/pdf');
    expect(sniffMime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('image/png');
    expect(sniffMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMime(Buffer.from('MZ\x90\x00'))).toBeNull();
  });

  it('accepts a real PDF whatever its name says, and cleans the name', () => {
    const f = acceptUpload('../../HĐ số 1/2026.exe', pdf.toString('base64'));
    expect(f.mime).toBe('application/pdf');
    expect(f.name).toBe('.._.._HĐ số 1_2026.exe');
  });

  it('refuses other types, empty, oversized and non-base64 content', () => {
    expect(() => acceptUpload('a.pdf', Buffer.from('<html>').toString('base64'))).toThrow(expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED' }));
    expect(() => acceptUpload('a.pdf', '')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => acceptUpload('a.pdf', 'not base64!')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    const big = Buffer.concat([pdf, Buffer.alloc(MAX_FILE_BYTES)]);
    expect(() => acceptUpload('a.pdf', big.toString('base64'))).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
  });
});
