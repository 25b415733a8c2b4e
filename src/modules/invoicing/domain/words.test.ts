import { describe, expect, it } from 'vitest';
import { readVietnameseAmount, readVietnameseNumber } from './words.ts';

const read = (n: number | bigint, o?: Parameters<typeof readVietnameseNumber>[1]) => readVietnameseNumber(BigInt(n), o);

describe('Vietnamese amounts in words', () => {
  it('reads the invoice total, capitalised, with "đồng"', () => {
    expect(readVietnameseAmount(1_234_000n)).toBe('Một triệu hai trăm ba mươi bốn nghìn đồng');
    expect(readVietnameseAmount(0n)).toBe('Không đồng');
    expect(readVietnameseAmount(2_700_000n)).toBe('Hai triệu bảy trăm nghìn đồng');
    expect(readVietnameseAmount(5_400_000n)).toBe('Năm triệu bốn trăm nghìn đồng');
  });

  it('units and tens: mười, mười lăm, mốt, lăm', () => {
    expect([1, 5, 9].map((n) => read(n))).toEqual(['một', 'năm', 'chín']);
    expect(read(10)).toBe('mười');
    expect(read(11)).toBe('mười một');
    expect(read(14)).toBe('mười bốn');
    expect(read(15)).toBe('mười lăm');
    expect(read(20)).toBe('hai mươi');
    expect(read(21)).toBe('hai mươi mốt');
    expect(read(25)).toBe('hai mươi lăm');
    expect(read(55)).toBe('năm mươi lăm');
    expect(read(91)).toBe('chín mươi mốt');
  });

  it('"tư" after "mươi" on request, never in 14 or in the hundreds', () => {
    expect(read(24)).toBe('hai mươi bốn');
    expect(read(24, { four: 'tư' })).toBe('hai mươi tư');
    expect(read(14, { four: 'tư' })).toBe('mười bốn');
    expect(read(404, { four: 'tư' })).toBe('bốn trăm linh bốn');
    expect(read(1_234_000, { four: 'tư' })).toBe('một triệu hai trăm ba mươi tư nghìn');
  });

  it('a zero tens digit reads "linh" (or "lẻ"), and 5 after it stays "năm"', () => {
    expect(read(101)).toBe('một trăm linh một');
    expect(read(105)).toBe('một trăm linh năm');
    expect(read(105, { zeroTens: 'lẻ' })).toBe('một trăm lẻ năm');
    expect(read(110)).toBe('một trăm mười');
    expect(read(115)).toBe('một trăm mười lăm');
    expect(read(100)).toBe('một trăm');
    expect(read(999)).toBe('chín trăm chín mươi chín');
  });

  it('groups after the first are read in full; zero groups are skipped', () => {
    expect(read(1_000)).toBe('một nghìn');
    expect(read(1_005)).toBe('một nghìn không trăm linh năm');
    expect(read(1_050)).toBe('một nghìn không trăm năm mươi');
    expect(read(10_000)).toBe('mười nghìn');
    expect(read(15_000)).toBe('mười lăm nghìn');
    expect(read(21_000)).toBe('hai mươi mốt nghìn');
    expect(read(105_000)).toBe('một trăm linh năm nghìn');
    expect(read(1_000_000)).toBe('một triệu');
    expect(read(1_000_005)).toBe('một triệu không trăm linh năm');
    expect(read(1_005_000)).toBe('một triệu không trăm linh năm nghìn');
    expect(read(2_000_500)).toBe('hai triệu năm trăm');
    expect(read(450_000)).toBe('bốn trăm năm mươi nghìn');
  });

  it('billions repeat the reading before "tỷ"', () => {
    expect(read(1_000_000_000)).toBe('một tỷ');
    expect(read(1_000_000_001)).toBe('một tỷ không trăm linh một');
    expect(read(2_500_000_000)).toBe('hai tỷ năm trăm triệu');
    expect(read(1_000_000_000_000n)).toBe('một nghìn tỷ');
    expect(read(12_345_678_901n)).toBe('mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm linh một');
    expect(read(1_000_000_000_000_000_000n)).toBe('một tỷ tỷ');
  });

  it('negative amounts (adjustments) read "âm"', () => {
    expect(readVietnameseAmount(-50_000n)).toBe('Âm năm mươi nghìn đồng');
  });
});
