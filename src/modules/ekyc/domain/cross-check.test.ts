import { describe, expect, it } from 'vitest';
import { crossCheck, similarity } from './cross-check.ts';
import { decide, type DecisionInput } from './decision.ts';

describe('cross-checks between the card sources', () => {
  const front = { idNumber: '001096012345', fullName: 'Nguyễn Văn Đức', birthDate: '1996-05-14', sex: 'M' as const, expiryDate: '2036-05-14', address: 'Số 12 Phố Huế, Hai Bà Trưng, Hà Nội' };
  const mrz = { idNumber: '001096012345', fullName: 'NGUYEN VAN DUC', birthDate: '1996-05-14', sex: 'M' as const, expiryDate: '2036-05-14' };
  const qr = { idNumber: '001096012345', fullName: 'Nguyễn Văn Đức', birthDate: '1996-05-14', sex: 'M' as const, address: 'Số 12 Phố Huế, Hai Bà Trưng, Hà Nội', issueDate: '2021-08-15' };

  it('one check per field two sources both read; names without diacritics agree', () => {
    const checks = crossCheck({ front, mrz, qr });
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.map((c) => c.name)).toEqual([
      'idNumber.front=mrz', 'idNumber.front=qr', 'idNumber.mrz=qr',
      'fullName.front=mrz', 'fullName.front=qr', 'fullName.mrz=qr',
      'birthDate.front=mrz', 'birthDate.front=qr', 'birthDate.mrz=qr',
      'sex.front=mrz', 'sex.front=qr', 'sex.mrz=qr',
      'expiryDate.front=mrz',
      'address.front=qr',
    ]);
  });

  it('names each disagreement; an address with an OCR slip still agrees', () => {
    const bad = crossCheck({ front: { ...front, fullName: 'Nguyễn Văn Đực', address: 'Số 12 Phô Huê, Hai Ba Trưng, Hà Nôi' }, mrz: { ...mrz, birthDate: '1996-05-15' }, qr });
    expect(bad.filter((c) => !c.ok).map((c) => c.name)).toEqual(['birthDate.front=mrz', 'birthDate.mrz=qr']);
    const wrong = crossCheck({ front: { ...front, fullName: 'Nguyễn Văn Được', address: 'Số 99 Lê Lợi, Quận 1, TP Hồ Chí Minh' }, qr });
    expect(wrong.filter((c) => !c.ok).map((c) => c.name)).toEqual(['fullName.front=qr', 'address.front=qr']);
    expect(similarity('abc', 'abd')).toBeCloseTo(2 / 3);
  });
});

describe('the decision', () => {
  const ok = [{ name: 'x', ok: true }];
  const clean: DecisionInput = {
    mrz: ok,
    qr: ok,
    idNumber: ok,
    dates: [{ name: 'notExpired', ok: true }],
    cross: ok,
    face: { score: 0.8, threshold: 0.6, minSidePx: 120, minFacePx: 80 },
    liveness: { score: 0.9, threshold: 0.5 },
  };

  it('approves when everything was read and passed', () => {
    expect(decide(clean)).toEqual({ decision: 'approved', reasons: [] });
  });

  it('rejects on a failed rule or a face below the threshold, listing every reason', () => {
    const r = decide({ ...clean, mrz: [{ name: 'issuingState', ok: false }], dates: [{ name: 'notExpired', ok: false }, { name: 'expiryMatchesAge', ok: false }], face: { ...clean.face, score: 0.5 } });
    expect(r).toEqual({
      decision: 'rejected',
      reasons: [
        { code: 'MRZ_INVALID', check: 'issuingState' },
        { code: 'CARD_EXPIRED', check: 'notExpired' },
        { code: 'DATES_INCONSISTENT', check: 'expiryMatchesAge' },
        { code: 'FACE_MISMATCH' },
      ],
    });
    expect(decide({ ...clean, cross: [{ name: 'idNumber.front=qr', ok: false }] }).reasons).toEqual([{ code: 'SOURCES_DISAGREE', check: 'idNumber.front=qr' }]);
  });

  it('sends to review what could not be read or judged', () => {
    expect(decide({ ...clean, mrz: null, qr: null, face: { ...clean.face, score: null }, liveness: { ...clean.liveness, score: 0.2 } })).toEqual({
      decision: 'review',
      reasons: [{ code: 'MRZ_UNREADABLE' }, { code: 'QR_UNREADABLE' }, { code: 'FACE_NOT_FOUND' }, { code: 'LIVENESS_LOW' }],
    });
    // an MRZ whose check digits fail is a misread (or a tampered line): a person looks at it
    expect(decide({ ...clean, mrz: [{ name: 'format', ok: true }, { name: 'birthDateCheckDigit', ok: false }, { name: 'compositeCheckDigit', ok: false }] })).toEqual({
      decision: 'review',
      reasons: [{ code: 'MRZ_UNREADABLE', check: 'birthDateCheckDigit' }, { code: 'MRZ_UNREADABLE', check: 'compositeCheckDigit' }],
    });
    // a small face is not judged, even with a high score
    expect(decide({ ...clean, face: { ...clean.face, score: 0.99, minSidePx: 60 } })).toEqual({ decision: 'review', reasons: [{ code: 'FACE_TOO_SMALL' }] });
  });
});
