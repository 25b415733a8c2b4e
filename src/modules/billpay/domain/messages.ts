import { toLocalDate } from '../../../platform/calendar.ts';
import type { OrderKind } from './limits.ts';

/** The SMS texts of SPEC E (sent without diacritics, as GSM 7-bit). */
export const amount = (v: bigint) => `${v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}d`;

/** hh:mm dd/MM/yyyy in Vietnam. */
export function localTime(at: Date): string {
  const d = toLocalDate(at).split('-');
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return `${hhmm} ${d[2]}/${d[1]}/${d[0]}`;
}

export const SMS = {
  passwordSet: 'MobiFone: Mat khau thanh toan cua quy khach da duoc dang ky/thay doi thanh cong. Dung mat khau nay de tra cuu thong tin va cuoc no tren website thanh toan cua MobiFone.',
  passwordSyntax: 'Tin nhan sai cu phap. De dang ky mat khau thanh toan, soan MK <mat khau 4-8 chu hoac so> gui 9223.',
  passwordPostpaidOnly: 'Mat khau thanh toan chi danh cho thue bao tra sau MobiFone. Chi tiet lien he 9090.',
  /** E7, word for word. */
  cancelled: 'Giao dich thanh toan/nap tien cua quy khach da bi huy do khong hop le. Thong tin chi tiet lien he 9090',
  vatSyntax: 'Tin nhan sai cu phap. De nhan hoa don GTGT, soan HD hoac HD <ma giao dich> gui 9223.',
  vatNoTransaction: 'Khong tim thay giao dich thanh toan/nap tien thanh cong trong 2 ngay qua cua thue bao de xuat hoa don GTGT. Chi tiet lien he 9090.',
  vatRequested: (ref: string) => `MobiFone: Da ghi nhan yeu cau hoa don GTGT cho giao dich ${ref}. Hoa don se duoc gui den dia chi dang ky cua quy khach.`,
  /** E12: a subscriber blocked for debt is open again once the debt is paid. */
  reopened: (msisdn: string) => `MobiFone: Thue bao ${msisdn} da duoc mo lai lien lac sau khi thanh toan cuoc. Cam on quy khach.`,
  done(kind: OrderKind, msisdn: string, amountVnd: bigint, at: Date, ref: string): string {
    return kind === 'bill'
      ? `MobiFone: Thue bao ${msisdn} da thanh toan thanh cong ${amount(amountVnd)} cuoc dich vu luc ${localTime(at)}. Ma GD ${ref}. Cam on quy khach.`
      : `MobiFone: Thue bao ${msisdn} da duoc nap thanh cong ${amount(amountVnd)} luc ${localTime(at)}. Ma GD ${ref}. Cam on quy khach.`;
  },
} as const;
