import { describe, expect, it } from 'vitest';
import { buildInvoiceXml, el, escapeAttr, escapeText } from './xml.ts';
import { COMPANY, EKYC_LINE, MEETING_LINE, sampleInvoice } from './sample.test-util.ts';
import { prepareLines } from './invoice.ts';

/** A tiny reader of our compact XML, for XPath-like checks in tests. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
function parse(xml: string): Node {
  const src = xml.replace(/^<\?xml[^>]*\?>/, '');
  let i = 0;
  const node = (): Node => {
    const open = /^<([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"]*")*)\s*(\/?)>/.exec(src.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${src.slice(i, i + 30)}`);
    i += open[0].length;
    const attrs = Object.fromEntries([...open[2].matchAll(/([\w.-]+)="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]));
    const n: Node = { name: open[1], attrs, children: [], text: '' };
    if (open[3]) return n;
    for (;;) {
      if (src.startsWith(`</${n.name}>`, i)) {
        i += n.name.length + 3;
        return n;
      }
      if (src[i] === '<') n.children.push(node());
      else {
        const end = src.indexOf('<', i);
        n.text += decode(src.slice(i, end));
        i = end;
      }
    }
  };
  const root = node();
  expect(i).toBe(src.length);
  return root;
}
const all = (root: Node, path: string): Node[] => {
  const [first, ...rest] = path.split('/');
  if (root.name !== first) return [];
  let level = [root];
  for (const step of rest) level = level.flatMap((n) => n.children.filter((c) => c.name === step));
  return level;
};
const text = (root: Node, path: string) => {
  const found = all(root, path);
  return found.length === 1 ? found[0].text : found.length === 0 ? undefined : found.map((f) => f.text);
};
const names = (root: Node, path: string) => all(root, path)[0]?.children.map((c) => c.name);

describe('the writer', () => {
  it('escapes text and attributes and drops characters XML cannot carry', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttr(`"x" 'y' <z>`)).toBe('&quot;x&quot; &apos;y&apos; &lt;z&gt;');
    expect(escapeText('ok\u0001\u0008\uFFFEend')).toBe('okend');
    expect(el('Ten', 'A & B')!.xml).toBe('<Ten>A &amp; B</Ten>');
    expect(el('Ten', '   ')).toBeNull();
    expect(el('Ten', null)).toBeNull();
    expect(el('X', [el('A', null), el('B', undefined)])).toBeNull();
    expect(el('N', 0n)!.xml).toBe('<N>0</N>');
    expect(() => el('N', 1.5)).toThrow(/not an integer/);
    expect(() => el('1bad', 'x')).toThrow(/name/);
    expect(el('D', 'x', { Id: 'a"b' })!.xml).toBe('<D Id="a&quot;b">x</D>');
  });
});

describe('invoice XML (Decision 1450)', () => {
  it('has the HDon/DLHDon[@Id]/TTChung … NDHDon … TToan skeleton in XSD order', () => {
    const inv = sampleInvoice({ lineInputs: [MEETING_LINE, EKYC_LINE], mccqt: '00A1B2C3D4E5F60718293A4B5C6D7E8F90' });
    const xml = buildInvoiceXml(inv);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><HDon><DLHDon Id="inv_01ktestinvoice000000000000"><TTChung><PBan>2.0.0</PBan>')).toBe(true);
    const doc = parse(xml);
    expect(names(doc, 'HDon')).toEqual(['DLHDon', 'MCCQT', 'DSCKS']);
    expect(all(doc, 'HDon/DLHDon')[0].attrs.Id).toBe(inv.id);
    expect(names(doc, 'HDon/DLHDon')).toEqual(['TTChung', 'NDHDon']);
    expect(names(doc, 'HDon/DLHDon/TTChung')).toEqual(['PBan', 'THDon', 'KHMSHDon', 'KHHDon', 'SHDon', 'NLap', 'DVTTe', 'HTTToan', 'MSTTCGP']);
    expect(text(doc, 'HDon/DLHDon/TTChung/THDon')).toBe('Hóa đơn giá trị gia tăng');
    expect(text(doc, 'HDon/DLHDon/TTChung/KHMSHDon')).toBe('1');
    expect(text(doc, 'HDon/DLHDon/TTChung/KHHDon')).toBe('C26TMB');
    expect(text(doc, 'HDon/DLHDon/TTChung/SHDon')).toBe('42');
    expect(text(doc, 'HDon/DLHDon/TTChung/NLap')).toBe('2026-03-02');
    expect(text(doc, 'HDon/DLHDon/TTChung/DVTTe')).toBe('VND');
    expect(names(doc, 'HDon/DLHDon/NDHDon')).toEqual(['NBan', 'NMua', 'DSHHDVu', 'TToan']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/NBan/Ten')).toBe('Trung tâm Công nghệ thông tin MobiFone - Chi nhánh Tổng công ty Viễn thông MobiFone');
    expect(text(doc, 'HDon/DLHDon/NDHDon/NBan/MST')).toBe('0100686209-999');
    expect(text(doc, 'HDon/MCCQT')).toBe('00A1B2C3D4E5F60718293A4B5C6D7E8F90');
  });

  it('writes lines with TChat, integer amounts and TSuat "KCT" for software', () => {
    const doc = parse(buildInvoiceXml(sampleInvoice({ lineInputs: [MEETING_LINE, EKYC_LINE] })));
    const lines = all(doc, 'HDon/DLHDon/NDHDon/DSHHDVu/HHDVu');
    expect(lines).toHaveLength(2);
    expect(lines[0].children.map((c) => c.name)).toEqual(['TChat', 'STT', 'MHHDVu', 'THHDVu', 'DVTinh', 'SLuong', 'DGia', 'ThTien', 'TSuat']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/DSHHDVu/HHDVu/TSuat')).toEqual(['KCT', 'KCT']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/DSHHDVu/HHDVu/ThTien')).toEqual(['8100000', '4000000']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/DSHHDVu/HHDVu/DGia')).toEqual(['450000', '1000']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/DSHHDVu/HHDVu/TChat')).toEqual(['1', '1']);
    // TToan: per-rate summary first, then totals, then the words
    expect(names(doc, 'HDon/DLHDon/NDHDon/TToan')).toEqual(['THTTLTSuat', 'TgTCThue', 'TgTThue', 'TgTTTBSo', 'TgTTTBChu']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/THTTLTSuat/LTSuat/TSuat')).toBe('KCT');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/THTTLTSuat/LTSuat/ThTien')).toBe('12100000');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/THTTLTSuat/LTSuat/TThue')).toBe('0');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/TgTCThue')).toBe('12100000');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/TgTThue')).toBe('0');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/TgTTTBSo')).toBe('12100000');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/TgTTTBChu')).toBe('Mười hai triệu một trăm nghìn đồng');
    expect(buildInvoiceXml(sampleInvoice())).not.toMatch(/<(SLuong|DGia|ThTien|TThue|TgTCThue|TgTThue|TgTTTBSo)>[^<]*[.,]/); // integers only
  });

  it('puts an individual without tax code in HVTNMHang, an organisation in Ten/MST (escaped)', () => {
    const person = parse(buildInvoiceXml(sampleInvoice()));
    expect(names(person, 'HDon/DLHDon/NDHDon/NMua')).toEqual(['MKHang', 'SDThoai', 'DCTDTu', 'HVTNMHang']);
    expect(text(person, 'HDon/DLHDon/NDHDon/NMua/HVTNMHang')).toBe('Nguyễn Văn An');
    const xml = buildInvoiceXml(sampleInvoice({ buyer: COMPANY }));
    expect(xml).toContain('<Ten>Công ty TNHH Giải pháp Số &lt;A&amp;B&gt;</Ten>');
    const org = parse(xml);
    expect(names(org, 'HDon/DLHDon/NDHDon/NMua')).toEqual(['Ten', 'MST', 'DChi', 'DCTDTu', 'HVTNMHang']);
    expect(text(org, 'HDon/DLHDon/NDHDon/NMua/Ten')).toBe('Công ty TNHH Giải pháp Số <A&B>');
    expect(text(org, 'HDon/DLHDon/NDHDon/NMua/MST')).toBe('0312345678');
    expect(text(org, 'HDon/DLHDon/NDHDon/NMua/HVTNMHang')).toBe('Trần Thị Bình');
  });

  it('links a replacement to the original in TTChung/TTHDLQuan', () => {
    const relation = { kind: 'replace' as const, form: '1', series: 'C26TMB', number: 41, issueDate: '2026-03-01', note: 'Sai tên người mua' };
    const doc = parse(buildInvoiceXml(sampleInvoice({ relation })));
    expect(names(doc, 'HDon/DLHDon/TTChung').slice(-1)).toEqual(['TTHDLQuan']);
    expect(names(doc, 'HDon/DLHDon/TTChung/TTHDLQuan')).toEqual(['TCHDon', 'LHDCLQuan', 'KHMSHDCLQuan', 'KHHDCLQuan', 'SHDCLQuan', 'NLHDCLQuan', 'GChu']);
    expect(text(doc, 'HDon/DLHDon/TTChung/TTHDLQuan/TCHDon')).toBe('1');
    expect(text(doc, 'HDon/DLHDon/TTChung/TTHDLQuan/LHDCLQuan')).toBe('1');
    expect(text(doc, 'HDon/DLHDon/TTChung/TTHDLQuan/KHHDCLQuan')).toBe('C26TMB');
    expect(text(doc, 'HDon/DLHDon/TTChung/TTHDLQuan/SHDCLQuan')).toBe('41');
    const adjust = parse(buildInvoiceXml(sampleInvoice({ relation: { ...relation, kind: 'adjust' } })));
    expect(text(adjust, 'HDon/DLHDon/TTChung/TTHDLQuan/TCHDon')).toBe('2');
  });

  it('writes multi-rate buckets, discounts and notes; a preview has no SHDon and no MCCQT', () => {
    const lines = prepareLines([
      { name: 'Tích hợp', unit: 'Gói', quantity: 1, unitPrice: 1_000_000n, rate: '10%' },
      { kind: 3, name: 'Chiết khấu', amount: 100_000n, rate: '10%' },
      { name: 'Meeting', unit: 'Phòng/tháng', quantity: 1, unitPrice: 500_000n, rate: 'KCT' },
      { kind: 4, name: 'Ghi chú' },
    ]);
    const doc = parse(buildInvoiceXml(sampleInvoice({ lines, number: null })));
    expect(all(doc, 'HDon/DLHDon/TTChung/SHDon')).toHaveLength(0);
    expect(names(doc, 'HDon')).toEqual(['DLHDon', 'DSCKS']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/THTTLTSuat/LTSuat/TSuat')).toEqual(['KCT', '10%']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/THTTLTSuat/LTSuat/TThue')).toEqual(['0', '90000']);
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/TTCKTMai')).toBe('100000');
    expect(text(doc, 'HDon/DLHDon/NDHDon/TToan/TgTTTBSo')).toBe('1490000');
    expect(names(doc, 'HDon/DLHDon/NDHDon/DSHHDVu')).toHaveLength(4);
    const note = all(doc, 'HDon/DLHDon/NDHDon/DSHHDVu/HHDVu')[3];
    expect(note.children.map((c) => c.name)).toEqual(['TChat', 'STT', 'THHDVu']);
  });
});
