import jsQR from 'jsqr';
import { rgba } from './images.ts';
import type { QrProvider } from './ports.ts';

/** QR codes with jsQR, at the upload's size and, failing that, at half size (a dense code in a big photo). */
export class JsqrReader implements QrProvider {
  async read(images: Buffer[]): Promise<string | null> {
    for (const image of images) {
      for (const side of [1600, 800]) {
        const px = await rgba(image, side);
        const code = jsQR(px.data, px.width, px.height, { inversionAttempts: 'dontInvert' });
        if (code?.data) return new TextDecoder('utf-8').decode(new Uint8Array(code.binaryData));
      }
    }
    return null;
  }
}
