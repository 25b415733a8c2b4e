import { fromDdMmYyyy } from './dates.ts';
import type { Check, Sex } from './id-number.ts';

/**
 * The QR code of a chip CCCD (front of the 2021 card, back of the 2024 card): one `|`-separated line,
 *   <12-digit ID>|<old 9-digit CMND or empty>|<full name>|<birth ddmmyyyy>|<Nam|Nữ>|<residence>|<issue ddmmyyyy>
 * Later fields, when a card carries them, are ignored. Pure.
 */
export interface QrFields {
  idNumber: string | null;
  oldIdNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: Sex | null;
  address: string | null;
  issueDate: string | null;
}

export interface QrResult {
  valid: boolean;
  fields: QrFields;
  checks: Check[];
}

const SEX: Record<string, Sex> = { nam: 'M', 'nữ': 'F', nu: 'F', male: 'M', female: 'F' };

export function parseCccdQr(payload: string): QrResult {
  const parts = payload.normalize('NFC').trim().split('|');
  const checks: Check[] = [{ name: 'format', ok: parts.length >= 7 }];
  if (parts.length < 7) {
    const none = { idNumber: null, oldIdNumber: null, fullName: null, birthDate: null, sex: null, address: null, issueDate: null };
    return { valid: false, fields: none, checks };
  }
  const [id, old, name, birth, sex, address, issue] = parts.map((p) => p.trim());
  const fields: QrFields = {
    idNumber: /^\d{12}$/.test(id) ? id : null,
    oldIdNumber: /^\d{9}$/.test(old) ? old : null,
    fullName: name || null,
    birthDate: fromDdMmYyyy(birth),
    sex: SEX[sex.toLowerCase()] ?? null,
    address: address || null,
    issueDate: fromDdMmYyyy(issue),
  };
  checks.push(
    { name: 'idNumber', ok: fields.idNumber !== null },
    { name: 'oldIdNumber', ok: old === '' || fields.oldIdNumber !== null },
    { name: 'fullName', ok: fields.fullName !== null },
    { name: 'birthDate', ok: fields.birthDate !== null },
    { name: 'sex', ok: fields.sex !== null },
    { name: 'issueDate', ok: fields.issueDate !== null },
  );
  return { valid: checks.every((c) => c.ok), fields, checks };
}

/** The payload a card with these fields carries (for synthetic cards). */
export const buildCccdQr = (f: { idNumber: string; oldIdNumber?: string; fullName: string; birthDate: string; sex: Sex; address: string; issueDate: string }): string => {
  const dmy = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
  return [f.idNumber, f.oldIdNumber ?? '', f.fullName, dmy(f.birthDate), f.sex === 'M' ? 'Nam' : 'Nữ', f.address, dmy(f.issueDate)].join('|');
};
