import sharp from 'sharp';

/** Decoded pixels of an uploaded JPEG/PNG, for the readers that work on raw pixels. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** RGBA pixels, scaled down to at most `maxSide` (large phone photos cost time and add nothing). */
export async function rgba(image: Buffer, maxSide = 1600): Promise<Pixels> {
  const { data, info } = await sharp(image)
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** A region of the image, in fractions of its size, as grey PNG scaled by `scale` and thresholded (for OCR). */
export async function cropForOcr(
  image: Buffer,
  region: { left: number; top: number; width: number; height: number },
  scale: number,
  threshold?: number,
  rotateDeg = 0,
): Promise<Buffer> {
  if (rotateDeg) image = await sharp(image).rotate().rotate(rotateDeg, { background: '#ffffff' }).png().toBuffer();
  const meta = await sharp(image).rotate().metadata();
  const w = meta.autoOrient?.width ?? meta.width ?? 0;
  const h = meta.autoOrient?.height ?? meta.height ?? 0;
  const extract = {
    left: Math.floor(region.left * w),
    top: Math.floor(region.top * h),
    width: Math.max(1, Math.floor(region.width * w)),
    height: Math.max(1, Math.floor(region.height * h)),
  };
  let img = sharp(image).rotate().extract(extract).greyscale().resize({ width: Math.round(extract.width * scale) });
  if (threshold !== undefined) img = img.threshold(threshold);
  return img.png().toBuffer();
}

/**
 * Whether an upload decodes as a whole picture of a sensible size (a truncated JPEG or a bomb of
 * pixels is refused before any reader sees it).
 */
export async function decodes(image: Buffer): Promise<boolean> {
  try {
    const meta = await sharp(image, { failOn: 'truncated', limitInputPixels: 40_000_000 }).metadata();
    if (!meta.width || !meta.height || Math.min(meta.width, meta.height) < 100) return false;
    await sharp(image, { failOn: 'truncated', limitInputPixels: 40_000_000 }).resize(64).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}
