import { describe, expect, it } from 'vitest';
import { concatUdh, isGsmText, splitSms, toGsmText } from './sms-text.ts';

const septetCount = (s: string) => [...s].reduce((n, ch) => n + ('\f^{}\\[~]|€'.includes(ch) ? 2 : 1), 0);

describe('toGsmText', () => {
  it('strips Vietnamese diacritics from a real service message', () => {
    expect(
      toGsmText(
        'Giao dịch thanh toán/nạp tiền của quý khách đã bị huỷ do không hợp lệ. Thông tin chi tiết liên hệ 9090',
      ),
    ).toBe('Giao dich thanh toan/nap tien cua quy khach da bi huy do khong hop le. Thong tin chi tiet lien he 9090');
  });

  it('maps đ/Đ, stacked tone marks and upper case', () => {
    expect(toGsmText('Đường đi ĐẮK LẮK, Nguyễn Thị Ánh, ưu đãi')).toBe('Duong di DAK LAK, Nguyen Thi Anh, uu dai');
  });

  it('handles precomposed and decomposed input alike', () => {
    const nfc = 'Hồ Chí Minh';
    expect(toGsmText(nfc.normalize('NFD'))).toBe(toGsmText(nfc));
  });

  it('replaces typography with ASCII and the rest with ?', () => {
    expect(toGsmText('“Gói” ‘A’ 10–20 … tab\there')).toBe('"Goi" \'A\' 10-20 ... tab here');
    expect(toGsmText('Chào 👋 中')).toBe('Chao ? ?');
  });

  it('keeps GSM basic and extension characters', () => {
    const s = '@£$¥_ {x} [y] ~|^ \\ €5 \r\n';
    expect(toGsmText(s)).toBe(s);
    expect(isGsmText(toGsmText('bất kỳ “văn bản” nào ✓'))).toBe(true);
    expect(isGsmText('tiền')).toBe(false);
  });
});

describe('splitSms', () => {
  const a = (n: number) => 'a'.repeat(n);

  it('keeps up to 160 septets in one part', () => {
    expect(splitSms('')).toEqual(['']);
    expect(splitSms(a(160))).toEqual([a(160)]);
  });

  it('splits 161 into 153 + 8', () => {
    expect(splitSms(a(161)).map((p) => p.length)).toEqual([153, 8]);
  });

  it('fits 306 in two parts and needs three for 307', () => {
    expect(splitSms(a(306)).map((p) => p.length)).toEqual([153, 153]);
    expect(splitSms(a(307)).map((p) => p.length)).toEqual([153, 153, 1]);
  });

  it('counts extension characters as two septets', () => {
    expect(splitSms(a(158) + '€')).toHaveLength(1); // 160 septets
    expect(splitSms(a(159) + '€')).toHaveLength(2); // 161 septets
    expect(splitSms('{}'.repeat(40))).toHaveLength(1); // 80 chars, 160 septets
  });

  it('never splits an escape pair at a part boundary', () => {
    const text = a(152) + '[' + a(20); // '[' would occupy septets 153 and 154
    const parts = splitSms(text);
    expect(parts).toEqual([a(152), '[' + a(20)]);
    expect(parts.join('')).toBe(text);
    for (const p of splitSms(('x'.repeat(7) + '€^').repeat(60))) expect(septetCount(p)).toBeLessThanOrEqual(153);
  });

  it('round-trips a long Vietnamese message', () => {
    const text = toGsmText('Quý khách đã đăng ký thành công gói cước MK. '.repeat(8));
    const parts = splitSms(text);
    expect(parts.length).toBe(Math.ceil(text.length / 153));
    expect(parts.join('')).toBe(text);
  });
});

describe('concatUdh', () => {
  it('builds 05 00 03 ref total seq', () => {
    expect([...concatUdh(0xab, 3, 2)]).toEqual([0x05, 0x00, 0x03, 0xab, 3, 2]);
  });

  it('rejects out-of-range values', () => {
    expect(() => concatUdh(256, 2, 1)).toThrow(RangeError);
    expect(() => concatUdh(1, 2, 3)).toThrow(RangeError);
    expect(() => concatUdh(1, 2, 0)).toThrow(RangeError);
  });
});
