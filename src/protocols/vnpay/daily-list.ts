import { VnpayProtocolError, type DailyListRow } from './protocol.ts';

/**
 * The day's transaction list as a file (what the simulator's `GET …/transactions` sends, and what an
 * operator may load from VNPay's settlement file): CSV (RFC 4180), UTF-8, one line per transaction.
 *
 * - The first line is the header, exactly `DAILY_LIST_HEADER` (a UTF-8 byte-order mark before it is allowed).
 * - Every other line has the nine fields of `DAILY_LIST_COLUMNS`, comma-separated, in that order; an
 *   empty field has no value. `amount` is ×100 as VNPay writes it (digits only); dates are
 *   `yyyyMMddHHmmss` GMT+7; `transactionType` is empty or 01 on payments, 02/03 on refunds.
 * - Lines end with LF (CRLF is read too). A field holding a comma, a quote or a line break is quoted
 *   (`"…"`, a quote inside doubled); the simulator's values never need it.
 * - Rows come in time order (pay date, or creation while pending), then by `txnRef`.
 *
 * Being plain CSV, it streams: the simulator writes it as it goes, and reconciliation hands the bytes
 * to the database unchanged (COPY), without building a million objects.
 */
export const DAILY_LIST_COLUMNS = [
  'txnRef',
  'transactionNo',
  'amount',
  'bankCode',
  'payDate',
  'transactionStatus',
  'responseCode',
  'transactionType',
  'requestId',
] as const satisfies readonly (keyof DailyListRow)[];

export type DailyListColumn = (typeof DAILY_LIST_COLUMNS)[number];

export const DAILY_LIST_HEADER = DAILY_LIST_COLUMNS.join(',');

export const DAILY_LIST_CONTENT_TYPE = 'text/csv; charset=utf-8';

const NEEDS_QUOTES = /[",\r\n]/;

/** A field as the file writes it (quoted only when it must be). */
export function csvField(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** One row as a line of the file, with its line end. */
export function dailyListLine(r: DailyListRow): string {
  return `${csvField(r.txnRef)},${csvField(r.transactionNo)},${csvField(r.amount)},${csvField(r.bankCode)},${csvField(r.payDate)},${csvField(r.transactionStatus)},${csvField(r.responseCode)},${csvField(r.transactionType ?? '')},${csvField(r.requestId ?? '')}\n`;
}

/** Whether `firstLine` (the file's first line, without its line end) is the header; a BOM before it is allowed. */
export function isDailyListHeader(firstLine: string): boolean {
  return firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '') === DAILY_LIST_HEADER;
}

/** The fields of one CSV record starting at `at`; answers them and where the next record starts. */
function readRecord(text: string, at: number, line: number): { fields: string[]; next: number } {
  const fields: string[] = [];
  let i = at;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new VnpayProtocolError(`daily list line ${line}: a quoted field is not closed`);
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      if (text.slice(i, j).includes('"')) throw new VnpayProtocolError(`daily list line ${line}: a quote inside an unquoted field`);
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (i >= text.length) return { fields, next: i };
    if (text[i] === '\r' && text[i + 1] === '\n') return { fields, next: i + 2 };
    if (text[i] === '\n' || text[i] === '\r') return { fields, next: i + 1 };
    throw new VnpayProtocolError(`daily list line ${line}: unexpected text after a quoted field`);
  }
}

/** Reads a whole daily list file into rows (for the few callers that want objects, e.g. a refund's lookup). */
export function parseDailyList(text: string): DailyListRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const headerEnd = body.indexOf('\n');
  const header = headerEnd < 0 ? body : body.slice(0, headerEnd);
  if (!isDailyListHeader(header)) throw new VnpayProtocolError(`not a daily list: the first line must be "${DAILY_LIST_HEADER}"`);
  const rows: DailyListRow[] = [];
  let at = headerEnd < 0 ? body.length : headerEnd + 1;
  for (let line = 2; at < body.length; line++) {
    const { fields, next } = readRecord(body, at, line);
    at = next;
    if (fields.length === 1 && fields[0] === '') continue; // an empty line (the file's last line end)
    if (fields.length !== DAILY_LIST_COLUMNS.length) {
      throw new VnpayProtocolError(`daily list line ${line}: ${fields.length} fields, expected ${DAILY_LIST_COLUMNS.length}`);
    }
    const [txnRef, transactionNo, amount, bankCode, payDate, transactionStatus, responseCode, transactionType, requestId] = fields;
    if (!txnRef) throw new VnpayProtocolError(`daily list line ${line}: txnRef is empty`);
    if (!/^\d+$/.test(amount)) throw new VnpayProtocolError(`daily list line ${line}: amount must be digits (×100): ${amount}`);
    const row: DailyListRow = { txnRef, transactionNo, amount, bankCode, payDate, transactionStatus, responseCode };
    if (transactionType) row.transactionType = transactionType;
    if (requestId) row.requestId = requestId;
    rows.push(row);
  }
  return rows;
}
