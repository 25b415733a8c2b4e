import path from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { buildMrz } from '../../src/modules/ekyc/domain/mrz-build.ts';
import { expectedExpiry } from '../../src/modules/ekyc/domain/card-dates.ts';
import { buildCccdQr } from '../../src/modules/ekyc/domain/qr.ts';
import { PROVINCES } from '../../src/modules/ekyc/domain/provinces.ts';
import { packageDir } from '../../src/modules/ekyc/providers/package-dir.ts';
import { prng } from '../prng.ts';

export { prng };

/**
 * Synthetic Vietnamese citizen ID cards (2021 chip layout) for tests and the accuracy benchmark:
 * SVG rendered by sharp (librsvg, DejaVu fonts), the QR from `qrcode`, the MRZ written by the
 * module's own builder, with optional rotation, blur and noise. Faces are cut at run time from the
 * sample screenshot inside node_modules/@vladmandic/human (never committed: they show real people).
 * No real person's data: numbers, names and addresses are drawn from a seeded generator.
 */
export interface Person {
  idNumber: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  homeTown: string;
  address: string;
  issueDate: string;
  expiryDate: string | null;
}

export interface Distortion {
  rotateDeg?: number;
  blurSigma?: number;
  /** Amplitude of uniform pixel noise, 0–255. */
  noise?: number;
  jpegQuality?: number;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Đình', 'Công', 'Thành'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Hồng', 'Bảo', 'Minh', 'Kim'];
const GIVEN_M = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn', 'Việt'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Hà', 'Hạnh', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Yến'];
const STREETS = ['Phố Huế', 'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ', 'Hùng Vương'];
const WARDS = ['Phường Bến Nghé', 'Phường Láng Hạ', 'Phường Tân Định', 'Xã Đông Hội', 'Phường Hòa Cường', 'Thị trấn Đông Anh'];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A person consistent with every rule the module checks (ID digits, dates, expiry age). */
export function randomPerson(r: ReturnType<typeof prng>): Person {
  const sex = r.next() < 0.5 ? 'M' : 'F';
  const year = r.int(1965, 2004);
  const birthDate = iso(year, r.int(1, 12), r.int(1, 28));
  const issueDate = iso(r.int(Math.max(2021, year + 15), 2024), r.int(1, 6), r.int(1, 28));
  const codes = Object.keys(PROVINCES);
  const province = r.pick(codes);
  const centurySex = (year >= 2000 ? 2 : 0) + (sex === 'F' ? 1 : 0);
  const idNumber = `${province}${centurySex}${String(year % 100).padStart(2, '0')}${String(r.int(0, 999999)).padStart(6, '0')}`;
  const fullName = [r.pick(FAMILY), r.pick(sex === 'M' ? MIDDLE_M : MIDDLE_F), r.pick(sex === 'M' ? GIVEN_M : GIVEN_F)].join(' ');
  return {
    idNumber,
    fullName,
    birthDate,
    sex,
    homeTown: `${r.pick(WARDS)}, ${PROVINCES[r.pick(codes)]}`,
    address: `Số ${r.int(1, 199)} ${r.pick(STREETS)}, ${r.pick(WARDS)}, ${PROVINCES[province]}`,
    issueDate,
    expiryDate: expectedExpiry(birthDate, issueDate),
  };
}

const W = 1012;
const H = 638;
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x: number, y: number, size: number, s: string, opts = '') =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" ${opts}>${esc(s)}</text>`;

async function distort(img: ReturnType<typeof sharp>, d: Distortion): Promise<Buffer> {
  let out = sharp(await img.png().toBuffer());
  if (d.rotateDeg) out = sharp(await out.rotate(d.rotateDeg, { background: '#ffffff' }).png().toBuffer());
  if (d.blurSigma) out = out.blur(d.blurSigma);
  if (d.noise) {
    const { width = W, height = H } = await out.metadata();
    const noise = Buffer.alloc(width * height * 4);
    for (let i = 0; i < noise.length; i += 4) {
      const v = Math.floor(Math.random() * d.noise);
      noise[i] = noise[i + 1] = noise[i + 2] = v;
      noise[i + 3] = 90;
    }
    out = sharp(await out.composite([{ input: noise, raw: { width, height, channels: 4 }, blend: 'difference' }]).png().toBuffer());
  }
  return d.jpegQuality ? out.jpeg({ quality: d.jpegQuality }).toBuffer() : out.png().toBuffer();
}

export async function renderFront(p: Person, face: Buffer, d: Distortion = {}): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="#eef4f0"/>
    ${text(250, 45, 24, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'font-weight="bold"')}
    ${text(330, 78, 20, 'Độc lập - Tự do - Hạnh phúc')}
    ${text(330, 125, 34, 'CĂN CƯỚC CÔNG DÂN', 'font-weight="bold" fill="#b0171f"')}
    ${text(320, 205, 30, `Số / No.: ${p.idNumber}`, 'font-weight="bold"')}
    ${text(320, 245, 20, 'Họ và tên / Full name:')}
    ${text(320, 282, 30, p.fullName.toUpperCase(), 'font-weight="bold"')}
    ${text(320, 322, 20, `Ngày sinh / Date of birth: ${dmy(p.birthDate)}`)}
    ${text(320, 357, 20, `Giới tính / Sex: ${p.sex === 'M' ? 'Nam' : 'Nữ'}   Quốc tịch / Nationality: Việt Nam`)}
    ${text(320, 392, 20, 'Quê quán / Place of origin:')}
    ${text(320, 424, 22, p.homeTown)}
    ${text(320, 462, 20, 'Nơi thường trú / Place of residence:')}
    ${text(320, 494, 22, p.address)}
    ${text(320, 560, 18, `Có giá trị đến / Date of expiry: ${p.expiryDate ? dmy(p.expiryDate) : 'Không thời hạn'}`)}
  </svg>`;
  const qr = await QRCode.toBuffer(buildCccdQr(p), { type: 'png', margin: 1, width: 150, errorCorrectionLevel: 'M' });
  const photo = await sharp(face).resize(240, 300, { fit: 'cover' }).png().toBuffer();
  return distort(sharp(Buffer.from(svg)).composite([{ input: photo, left: 40, top: 190 }, { input: qr, left: 850, top: 5 }]), d);
}

export async function renderBack(p: Person, d: Distortion = {}): Promise<Buffer> {
  const mrz = buildMrz(p);
  const mono = (y: number, s: string) => `<text x="50" y="${y}" font-family="DejaVu Sans Mono" font-size="44" letter-spacing="2">${esc(s)}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="#eef4f0"/>
    ${text(40, 60, 20, 'Đặc điểm nhân dạng / Personal identification:')}
    ${text(40, 95, 20, 'Nốt ruồi C: 1cm dưới sau đuôi mắt trái')}
    ${text(40, 150, 20, `Ngày, tháng, năm / Date, month, year: ${dmy(p.issueDate)}`)}
    ${text(40, 190, 18, 'CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI')}
    <rect x="0" y="400" width="${W}" height="238" fill="#ffffff"/>
    ${mono(470, mrz[0])}${mono(535, mrz[1])}${mono(600, mrz[2])}
  </svg>`;
  return distort(sharp(Buffer.from(svg)), d);
}

const SHEET = path.join(packageDir('@vladmandic/human'), 'assets/screenshot-facematch.jpg');

/**
 * The face tiles of human's match screenshot (1920×954: rows of ~107 px tiles under "Extracted Faces").
 * The first row is the selected man again and again, so it is left out: the other rows are taken as
 * different people (a few may repeat, which can only raise the measured false accepts).
 */
export async function faceTiles(): Promise<Buffer[]> {
  const tile = 1920 / 18;
  const out: Buffer[] = [];
  for (let row = 1; row < 6; row++) {
    for (let col = 0; col < 18; col++) {
      const left = Math.round(col * tile) + 4;
      const top = Math.round(288 + row * 109.5) + 4;
      out.push(await sharp(SHEET).extract({ left, top, width: Math.round(tile) - 8, height: 84 }).png().toBuffer());
    }
  }
  return out;
}

/** A "selfie" of a face tile: enlarged on a background, with its own light, angle and compression. */
export async function selfieOf(face: Buffer, r: ReturnType<typeof prng>): Promise<Buffer> {
  const size = 360;
  const f = await sharp(face)
    .resize(size, Math.round(size * 0.8), { fit: 'cover' })
    .modulate({ brightness: 0.85 + r.next() * 0.3 })
    .rotate((r.next() - 0.5) * 8, { background: '#7a8a99' })
    .png()
    .toBuffer();
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a8a99' } })
    .composite([{ input: f, left: 140, top: 60 }])
    .jpeg({ quality: 55 + Math.floor(r.next() * 30) })
    .toBuffer();
}
