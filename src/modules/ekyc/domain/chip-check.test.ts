import { describe, expect, it } from 'vitest';
import { chipAgainstCard } from './chip-check.ts';

const MRZ = ['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<'];
const CARD = { idNumber: '001096012345', fullName: 'Nguyễn Văn Đức', birthDate: '1996-05-14', sex: 'M' as const, expiryDate: '2036-05-14' };
const failed = (c: { name: string; ok: boolean }[]) => c.filter((x) => !x.ok).map((x) => x.name);

describe("the chip's DG1 against the card", () => {
  it('agrees with the printed MRZ and every field the card shows', () => {
    const checks = chipAgainstCard(MRZ, MRZ, CARD, '2026-03-02');
    expect(failed(checks)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(['dg1.checkDigits', 'dg1=printedMrz', 'idNumber.chip=card', 'birthDate.chip=card', 'sex.chip=card', 'expiryDate.chip=card', 'fullName.chip=card']);
  });

  it('a card whose printed data differs from the chip (a substituted photo page) fails the fields that differ', () => {
    const forged = { ...CARD, fullName: 'Trần Văn Đức', birthDate: '1990-05-14' };
    expect(failed(chipAgainstCard(MRZ, null, forged, '2026-03-02'))).toEqual(['birthDate.chip=card', 'fullName.chip=card']);
    const otherLine = [MRZ[0], MRZ[1], 'TRAN<<VAN<DUC<<<<<<<<<<<<<<<<<'];
    expect(failed(chipAgainstCard(MRZ, otherLine, CARD, '2026-03-02'))).toEqual(['dg1=printedMrz']);
  });

  it('a DG1 with a wrong check digit fails, unknown card fields are not compared, no DG1 gives no checks', () => {
    const bad = [MRZ[0], MRZ[1].replace('9605143', '9605144'), MRZ[2]];
    expect(failed(chipAgainstCard(bad, null, CARD, '2026-03-02'))).toContain('dg1.checkDigits');
    expect(chipAgainstCard(MRZ, null, { idNumber: null, fullName: null, birthDate: null, sex: null, expiryDate: null }, '2026-03-02')).toEqual([{ name: 'dg1.checkDigits', ok: true }]);
    expect(chipAgainstCard(null, MRZ, CARD, '2026-03-02')).toEqual([]);
  });
});
