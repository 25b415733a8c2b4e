import { describe, expect, it } from 'vitest';
import { buildCccdQr, parseCccdQr } from './qr.ts';

const PAYLOAD = '001096012345|123456789|Nguyễn Văn Đức|14051996|Nam|Số 12 Phố Huế, Hai Bà Trưng, Hà Nội|15082021';
const failed = (p: string) => parseCccdQr(p).checks.filter((c) => !c.ok).map((c) => c.name);

describe('the CCCD QR payload', () => {
  it('reads the seven fields with ddmmyyyy dates', () => {
    expect(parseCccdQr(PAYLOAD)).toEqual({
      valid: true,
      fields: {
        idNumber: '001096012345',
        oldIdNumber: '123456789',
        fullName: 'Nguyễn Văn Đức',
        birthDate: '1996-05-14',
        sex: 'M',
        address: 'Số 12 Phố Huế, Hai Bà Trưng, Hà Nội',
        issueDate: '2021-08-15',
      },
      checks: ['format', 'idNumber', 'oldIdNumber', 'fullName', 'birthDate', 'sex', 'issueDate'].map((name) => ({ name, ok: true })),
    });
  });

  it('round-trips what the synthetic cards print, a card without an old number, and later fields', () => {
    const f = { idNumber: '096304000123', fullName: 'Trần Thị Ánh Tuyết', birthDate: '2004-01-31', sex: 'F' as const, address: 'Cà Mau', issueDate: '2022-02-01' };
    const r = parseCccdQr(buildCccdQr(f));
    expect(r).toMatchObject({ valid: true, fields: { ...f, oldIdNumber: null } });
    expect(parseCccdQr(`${buildCccdQr(f)}|Trần Văn Ba|Lê Thị Tư`).valid).toBe(true);
    // decomposed Unicode (NFD) as some scanners give it
    expect(parseCccdQr(PAYLOAD.normalize('NFD')).fields.fullName).toBe('Nguyễn Văn Đức');
  });

  it('names each corrupted field', () => {
    expect(parseCccdQr('001096012345|Nguyễn Văn Đức|14051996')).toMatchObject({ valid: false, checks: [{ name: 'format', ok: false }] });
    expect(failed(PAYLOAD.replace('001096012345', '00109601234'))).toEqual(['idNumber']);
    expect(failed(PAYLOAD.replace('123456789', '12345678'))).toEqual(['oldIdNumber']);
    expect(failed(PAYLOAD.replace('Nguyễn Văn Đức', ' '))).toEqual(['fullName']);
    expect(failed(PAYLOAD.replace('14051996', '31021996'))).toEqual(['birthDate']);
    expect(failed(PAYLOAD.replace('14051996', '1996-05-14'))).toEqual(['birthDate']);
    expect(failed(PAYLOAD.replace('|Nam|', '|X|'))).toEqual(['sex']);
    expect(failed(PAYLOAD.replace('15082021', '15132021'))).toEqual(['issueDate']);
  });
});
