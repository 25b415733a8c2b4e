import { describe, expect, it } from 'vitest';
import { asciiFold, mrzNameOf, sameName } from './names.ts';

describe('names across the card', () => {
  it('strips diacritics and maps Đ to D, in NFC and NFD alike', () => {
    expect(asciiFold('Nguyễn Văn Đức')).toBe('NGUYEN VAN DUC');
    expect(asciiFold('đặng  thị   ánh'.normalize('NFD'))).toBe('DANG THI ANH');
    expect(asciiFold('Lê-Thị Hồng')).toBe('LE THI HONG');
  });

  it('splits the family name first, as the MRZ writes it', () => {
    expect(mrzNameOf('Trần Thị Ánh Tuyết')).toEqual({ surname: 'TRAN', givenNames: 'THI ANH TUYET' });
  });

  it('compares a printed name with the MRZ name', () => {
    expect(sameName('Đỗ Đình Đạt', { surname: 'DO', givenNames: 'DINH DAT' })).toBe(true);
    expect(sameName('Đỗ Đình Đạt', { surname: 'DO', givenNames: 'DINH DATT' })).toBe(false);
    expect(sameName('', { surname: null, givenNames: null })).toBe(false);
  });
});
