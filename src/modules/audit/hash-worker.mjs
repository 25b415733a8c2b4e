// A worker thread of verify (use-cases/verify-chain.ts): checks format-2 seals' HMACs, in plain
// JavaScript so it loads without the TypeScript loader. Answers the index of the first mismatch, or -1.
import { createHmac } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { key } = workerData;
parentPort.on('message', ({ id, prev, bodies, hashes }) => {
  let bad = -1;
  for (let i = 0; i < bodies.length; i++) {
    if (createHmac('sha256', key).update(`${prev[i]}\n${bodies[i]}`).digest('hex') !== hashes[i]) {
      bad = i;
      break;
    }
  }
  parentPort.postMessage({ id, bad });
});
