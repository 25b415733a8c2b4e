import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ImageVault } from './image-vault.ts';

describe('images at rest', () => {
  const vault = new ImageVault(randomBytes(32));
  const image = Buffer.from('\x89PNG fake image bytes of a card');

  it('seals with AES-256-GCM: unreadable, different each time, opened only for its own row', () => {
    const a = vault.seal(image, 'eki_1');
    const b = vault.seal(image, 'eki_1');
    expect(a.ciphertext.includes(Buffer.from('card'))).toBe(false);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(vault.open(a, 'eki_1').equals(image)).toBe(true);
    expect(() => vault.open(a, 'eki_2')).toThrow();
  });

  it('refuses a tampered ciphertext, another key, and a key of the wrong size', () => {
    const s = vault.seal(image, 'eki_1');
    const tampered = { ...s, ciphertext: Buffer.from(s.ciphertext) };
    tampered.ciphertext[0] ^= 1;
    expect(() => vault.open(tampered, 'eki_1')).toThrow();
    const other = ImageVault.fromText(randomBytes(32).toString('base64'));
    expect(() => other.open(s, 'eki_1')).toThrow(/key/);
    expect(() => ImageVault.fromText('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(ImageVault.fromText('00'.repeat(32)).keyId).toHaveLength(12);
  });
});
