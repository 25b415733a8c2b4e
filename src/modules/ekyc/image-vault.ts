import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Images at rest: AES-256-GCM with the configured 32-byte key, a fresh 96-bit IV per image, and the
 * image's row id as associated data (a ciphertext moved to another row does not decrypt).
 */
export interface Sealed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export class ImageVault {
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the eKYC image key must be 32 bytes');
    this.key = key;
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
  }

  /** From config: base64 or hex of 32 bytes. */
  static fromText(text: string): ImageVault {
    const raw = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    return new ImageVault(raw);
  }

  seal(plain: Buffer, rowId: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(rowId));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { keyId: this.keyId, iv, tag: cipher.getAuthTag(), ciphertext };
  }

  /** An HMAC-SHA256 under a key derived from this one for `purpose` (HKDF), e.g. signed liveness challenges. */
  mac(purpose: string, data: string): Buffer {
    const key = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), Buffer.from(`qldv-ekyc:${purpose}`), 32));
    return createHmac('sha256', key).update(data).digest();
  }

  open(s: Sealed, rowId: string): Buffer {
    if (s.keyId !== this.keyId) throw new Error(`image sealed with key ${s.keyId}, not the configured one`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, s.iv);
    decipher.setAAD(Buffer.from(rowId));
    decipher.setAuthTag(s.tag);
    return Buffer.concat([decipher.update(s.ciphertext), decipher.final()]);
  }
}
