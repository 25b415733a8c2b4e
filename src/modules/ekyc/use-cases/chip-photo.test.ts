import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chipPhoto } from './assess-card.ts';
import type { ChipReading } from '../providers/ports.ts';

const reading = (photo: ChipReading['photo'], intact = true): ChipReading => ({ checks: [], intact, trusted: true, dataGroups: [1, 2], mrzLines: null, photo });

describe('which photo the selfie is matched against', () => {
  it("an intact chip's JPEG is used; otherwise the printed photo, with the reason", async () => {
    const jpeg = await sharp({ create: { width: 240, height: 320, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect(await chipPhoto(reading({ format: 'jpeg', image: jpeg }))).toEqual({ use: jpeg, status: 'used' });
    expect(await chipPhoto(reading({ format: 'jpeg', image: jpeg }, false))).toEqual({ use: null, status: 'not_intact' });
    expect(await chipPhoto(reading(null))).toEqual({ use: null, status: 'absent' });
    expect(await chipPhoto(null)).toEqual({ use: null, status: 'absent' });
    // JPEG 2000 (what many chips hold): this sharp build has no OpenJPEG, so it cannot be decoded here.
    const jp2 = Buffer.concat([Buffer.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]), Buffer.alloc(200, 7)]);
    expect(await chipPhoto(reading({ format: 'jpeg2000', image: jp2 }))).toEqual({ use: null, status: 'jpeg2000_not_decodable' });
    expect(await chipPhoto(reading({ format: 'jpeg', image: jpeg.subarray(0, 300) }))).toEqual({ use: null, status: 'not_decodable' });
  });
});
