// A worker thread of verify (use-cases/verify-chain.ts): checks a packed batch of format-2/3 seals
// (domain/packed.ts: previous hash, hash, digest, 64 hex characters each, per seal), in plain
// JavaScript so it loads without the TypeScript loader; the same loop as `packedFirstBad` with
// `sealMac`. Answers the index of the first seal whose HMAC fails or that does not link, or -1.
import { hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

let k = Buffer.from(workerData.key, 'utf8');
if (k.length > 64) k = hash('sha256', k, 'buffer');
const inner = Buffer.alloc(64 + 129);
const outer = Buffer.alloc(64 + 32);
for (let i = 0; i < 64; i++) {
  inner[i] = (k[i] ?? 0) ^ 0x36;
  outer[i] = (k[i] ?? 0) ^ 0x5c;
}
inner[128] = 0x0a;
const mac = (prev, digest) => {
  if (prev.length !== 64 || digest.length !== 64 || inner.write(prev, 64, 'latin1') !== 64 || inner.write(digest, 129, 'latin1') !== 64) return '';
  hash('sha256', inner, 'buffer').copy(outer, 64);
  return hash('sha256', outer, 'hex');
};

parentPort.on('message', ({ id, data }) => {
  let bad = -1;
  const n = data.length / 192;
  for (let i = 0; i < n; i++) {
    const at = i * 192;
    const prev = data.substring(at, at + 64);
    if ((i > 0 && prev !== data.substring(at - 128, at - 64)) || mac(prev, data.substring(at + 128, at + 192)) !== data.substring(at + 64, at + 128)) {
      bad = i;
      break;
    }
  }
  parentPort.postMessage({ id, bad });
});
