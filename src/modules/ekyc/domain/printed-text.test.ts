import { describe, expect, it } from 'vitest';
import { buildMrz } from './mrz-build.ts';
import { digitsHold, mrzLinesOf, parseBack, parseFront } from './printed-text.ts';

/** What tesseract (vie) returned for a synthetic front, junk lines included. */
const FRONT = `Số / No.: 072 165 425796
Họ và tên / Full name:
LÝ THANH LINH
Ngày sinh / Date of birth: 28/07/1965
Giới tính / Sex: Nữ   Quốc tịch / Nationality: Việt Nam
Quê quán / Place of origin:
Phường Bến Nghé, Thanh Hóa
Nơi thường trú / Place of residence:
Số 50 Lê Lợi, Phường Tân Định, Tây Ninh
ll |
Có giá trị đến / Date of expiry: 14/05/2036`;

describe('reading the OCR text of a card', () => {
  it('finds each printed field by its bilingual label', () => {
    expect(parseFront(FRONT)).toEqual({
      idNumber: '072165425796',
      fullName: 'LÝ THANH LINH',
      birthDate: '1965-07-28',
      sex: 'F',
      nationality: 'Việt Nam',
      homeTown: 'Phường Bến Nghé, Thanh Hóa',
      address: 'Số 50 Lê Lợi, Phường Tân Định, Tây Ninh',
      expiryDate: '2036-05-14',
    });
  });

  it('leaves out what it cannot read: a misread date, no sex word, a card without expiry', () => {
    const r = parseFront(FRONT.replace('28/07/1965', '28/O7/1965').replace('Sex: Nữ', 'Sex: ').replace('14/05/2036', 'Không thời hạn'));
    expect(r).toMatchObject({ birthDate: null, expiryDate: null, idNumber: '072165425796' });
    expect(r.sex).toBeNull();
    expect(parseFront('')).toMatchObject({ idNumber: null, fullName: null, address: null });
  });

  it('takes the issue date from the back', () => {
    expect(parseBack('Ngày, tháng, năm / Date, month, year: 18/02/2024\nCỤC TRƯỞNG')).toEqual({ issueDate: '2024-02-18' });
    expect(parseBack('Ngày, tháng, năm: 31/02/2024')).toEqual({ issueDate: null });
  });

  it('finds the three MRZ lines, padding short ones, and tells whether their digits hold', () => {
    const lines = buildMrz({ idNumber: '072165425796', fullName: 'Lý Thanh Linh', birthDate: '1965-07-28', sex: 'F', expiryDate: null });
    const text = `noise\n${lines[0].slice(0, 15)} ${lines[0].slice(15)}\n${lines[1]}\n${lines[2].replace(/<+$/, '')}\n`;
    const read = mrzLinesOf(text);
    expect(read).toEqual(lines);
    expect(digitsHold(read!)).toBe(true);
    expect(digitsHold([lines[0].replace('1654', '1664'), lines[1], lines[2]])).toBe(false);
    expect(mrzLinesOf('IDVNM123\nshort')).toBeNull();
  });
});
