import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from './export.ts';

describe('exports', () => {
  it('CSV: BOM, quoting, formula injection neutralised', () => {
    const csv = toCsv([{ 'Tiêu đề': 'Lỗi "đăng nhập", gấp', 'Số': 1 }, { 'Tiêu đề': '=HYPERLINK("x")', 'Số': 2 }]);
    expect(csv.startsWith('\uFEFFTiêu đề,Số\r\n')).toBe(true);
    expect(csv).toContain('"Lỗi ""đăng nhập"", gấp",1');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",2`);
  });

  it('XLSX: a real workbook with the header row and the values', async () => {
    const buf = await toXlsx([{ 'Số phiếu': 'YC-2026-000001', 'Cấp độ': 3 }], 'Phiếu');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Phiếu')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Số phiếu', 'Cấp độ']);
    expect(ws.getRow(2).values).toEqual([undefined, 'YC-2026-000001', 3]);
  });
});
