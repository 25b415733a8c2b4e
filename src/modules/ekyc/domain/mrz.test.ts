import { describe, expect, it } from 'vitest';
import { checkMrz } from './mrz.ts';
import { buildMrz } from './mrz-build.ts';

const TODAY = '2026-03-02';
const HOLDER = { idNumber: '001096012345', fullName: 'Nguyễn Văn Đức', birthDate: '1996-05-14', sex: 'M' as const, expiryDate: '2036-05-14' };
const SAMPLE = buildMrz(HOLDER);
const failed = (lines: string[]) => checkMrz(lines, TODAY).checks.filter((c) => !c.ok).map((c) => c.name);
/** The sample with one character of one line replaced. */
const change = (line: number, pos: number, ch: string) => SAMPLE.map((l, i) => (i === line ? l.slice(0, pos) + ch + l.slice(pos + 1) : l));

describe('TD1 MRZ of a Vietnamese card', () => {
  it('writes the Vietnamese layout (digits checked by hand: 096012345 → 76 → 6, 001096012345 → 77 → 7, 960514 → 123 → 3, 360514 → 81 → 1)', () => {
    expect(SAMPLE).toEqual(['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<']);
  });

  it('reads every field of a valid MRZ and passes every check', () => {
    const r = checkMrz(SAMPLE, TODAY);
    expect(r.valid).toBe(true);
    expect(r.fields).toEqual({
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '096012345',
      idNumber: '001096012345',
      birthDate: '1996-05-14',
      sex: 'M',
      expiryDate: '2036-05-14',
      nationality: 'VNM',
      surname: 'NGUYEN',
      givenNames: 'VAN DUC',
    });
    expect(r.checks.map((c) => c.name)).toEqual([
      'format', 'documentCode', 'issuingState', 'documentNumberCheckDigit', 'idNumberCheckDigit', 'documentNumberMatchesIdNumber',
      'birthDateCheckDigit', 'birthDate', 'sex', 'expiryDateCheckDigit', 'expiryDate', 'notExpired', 'nationality', 'compositeCheckDigit', 'name',
    ]);
  });

  it('each check digit catches a changed character in the field it guards (and the composite too)', () => {
    expect(failed(change(0, 14, '2'))).toEqual(['documentNumberCheckDigit', 'compositeCheckDigit']); // the digit itself
    expect(failed(change(0, 29, '8'))).toEqual(['idNumberCheckDigit', 'compositeCheckDigit']);
    expect(failed(change(1, 6, '9'))).toEqual(['birthDateCheckDigit', 'compositeCheckDigit']); // the composite covers line 2 positions 1–7
    expect(failed(change(1, 14, '9'))).toEqual(['expiryDateCheckDigit', 'compositeCheckDigit']);
    expect(failed(change(1, 29, '9'))).toEqual(['compositeCheckDigit']);
    // a digit of the data: 9 → 8 in the document number and in the optional ID number
    expect(failed(change(0, 6, '8'))).toEqual(['documentNumberCheckDigit', 'documentNumberMatchesIdNumber', 'compositeCheckDigit']);
    expect(failed(change(0, 26, '4'))).toEqual(['idNumberCheckDigit', 'documentNumberMatchesIdNumber', 'compositeCheckDigit']);
    expect(failed(change(1, 1, '7'))).toEqual(['birthDateCheckDigit', 'compositeCheckDigit']);
    expect(failed(change(1, 9, '7'))).toEqual(['expiryDateCheckDigit', 'compositeCheckDigit']);
  });

  it('every single-digit change anywhere in the number, dates or check digits is caught', () => {
    const positions: [number, number][] = [];
    for (let p = 5; p < 30; p++) if (p !== 27 && p !== 28) positions.push([0, p]);
    for (let p = 0; p < 15; p++) if (p !== 7) positions.push([1, p]);
    positions.push([1, 29]);
    for (const [line, pos] of positions) {
      const ch = SAMPLE[line][pos];
      const other = ch === '0' ? '1' : String((Number(ch) + 1) % 10);
      expect(checkMrz(change(line, pos, other), TODAY).valid, `line ${line + 1} position ${pos + 1}`).toBe(false);
    }
  });

  it('refuses the wrong shape, country, sex or nationality with their own checks', () => {
    expect(checkMrz([SAMPLE[0], SAMPLE[1]], TODAY)).toMatchObject({ valid: false, checks: [{ name: 'format', ok: false }] });
    expect(checkMrz([SAMPLE[0].toLowerCase(), SAMPLE[1], SAMPLE[2]], TODAY).checks).toEqual([{ name: 'format', ok: false }]);
    expect(checkMrz([SAMPLE[0] + '<', SAMPLE[1], SAMPLE[2]], TODAY).valid).toBe(false);
    expect(failed(change(1, 7, 'X'))).toEqual(['sex']);
    expect(failed(change(1, 17, 'N'))).toEqual(['nationality']);
    expect(failed(change(0, 2, 'L').map((l, i) => (i === 0 ? l.slice(0, 3) + 'AO' + l.slice(5) : l)))).toEqual(['issuingState']);
    expect(failed(change(2, 0, '<'))).toEqual(['name']);
  });

  it('a real birth date in the last century, an impossible date, an expired card, a card without expiry', () => {
    const old = buildMrz({ ...HOLDER, idNumber: '079058000111', birthDate: '1958-02-28', expiryDate: null });
    const r = checkMrz(old, TODAY);
    expect(r.valid).toBe(true);
    expect(r.fields).toMatchObject({ birthDate: '1958-02-28', expiryDate: null });
    const impossible = buildMrz({ ...HOLDER, birthDate: '1996-02-30' });
    expect(failed(impossible)).toEqual(['birthDate']);
    const expired = buildMrz({ ...HOLDER, expiryDate: '2021-05-14' });
    expect(failed(expired)).toEqual(['notExpired']);
    expect(checkMrz(expired, '2021-05-14').valid).toBe(true); // valid through its last day
  });

  it('a 2010s child is born in this century', () => {
    expect(checkMrz(buildMrz({ ...HOLDER, idNumber: '001312000999', birthDate: '2012-07-01', sex: 'F', expiryDate: '2026-07-01' }), TODAY).fields).toMatchObject({ birthDate: '2012-07-01', sex: 'F' });
  });
});

describe('cross-check with the `mrz` package (cheminfo), which checks all but the Vietnamese 12-digit digit', () => {
  it('agrees on valid samples and on corrupted ones', async () => {
    const { parse } = await import('mrz');
    const samples = [
      SAMPLE,
      buildMrz({ ...HOLDER, idNumber: '096304000123', fullName: 'Trần Thị Ánh Tuyết', birthDate: '2004-01-31', sex: 'F', expiryDate: '2029-01-31' }),
      buildMrz({ ...HOLDER, idNumber: '048187654321', fullName: 'Lê Đình Hải', birthDate: '1987-12-01', expiryDate: '2027-12-01' }),
    ];
    for (const s of samples) {
      const theirs = parse(s);
      expect(theirs.valid).toBe(true);
      expect(theirs.fields).toMatchObject({ documentNumber: s[0].slice(5, 14), birthDate: s[1].slice(0, 6), sex: s[1][7] === 'M' ? 'male' : 'female' });
      expect(checkMrz(s, TODAY).valid).toBe(true);
    }
    for (const [line, pos] of [[0, 10], [1, 3], [1, 12], [1, 29]] as const) {
      const bad = SAMPLE.map((l, i) => (i === line ? l.slice(0, pos) + String((Number(l[pos]) + 5) % 10) + l.slice(pos + 1) : l));
      expect(parse(bad).valid).toBe(false);
      expect(checkMrz(bad, TODAY).valid).toBe(false);
    }
  });
});
