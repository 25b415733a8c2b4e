import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { packageDir } from './package-dir.ts';
import type { FaceProvider, FaceResult } from './ports.ts';

const require = createRequire(import.meta.url);

/** The parts of @vladmandic/human used here (its own typings do not resolve through its `exports` map). */
interface DetectedFace {
  box: [number, number, number, number];
  embedding?: number[];
  live?: number;
  real?: number;
}
interface HumanLike {
  load(): Promise<void>;
  detect(input: unknown): Promise<{ face: DetectedFace[] }>;
  match: { similarity(a: number[], b: number[]): number };
  tf: { tensor4d(data: Uint8Array, shape: number[], dtype: string): { dispose(): void } };
}

/**
 * Node refuses `fetch('file://…')`, which human uses to load its models and tfjs its WASM binary:
 * answer those from disk, pass every other URL to the real fetch.
 */
function allowFileFetch() {
  const real = globalThis.fetch;
  if ((real as { fileAware?: boolean }).fileAware) return;
  const patched = (async (url: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const u = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
    if (!u.startsWith('file://')) return real(url, init);
    const body = await readFile(new URL(u));
    return new Response(new Uint8Array(body), { headers: { 'content-type': u.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
  }) as typeof fetch & { fileAware?: boolean };
  patched.fileAware = true;
  globalThis.fetch = patched;
}

/**
 * Face detection, embedding (faceres, 1024-d) and liveness with @vladmandic/human on the tfjs WASM
 * backend, models from the npm package on disk. The card's photo is the largest face on the front;
 * the score is human's similarity of the two embeddings (0…1), calibrated by bench/ekyc-accuracy.ts.
 */
export class HumanFace implements FaceProvider {
  private human?: Promise<HumanLike>;

  private load(): Promise<HumanLike> {
    this.human ??= (async () => {
      allowFileFetch();
      const root = packageDir('@vladmandic/human');
      const wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist/');
      const { Human } = require(path.join(root, 'dist/human.node-wasm.js')) as { Human: new (config: unknown) => HumanLike };
      const still = { skipFrames: 0, skipTime: 0 };
      const human = new Human({
        backend: 'wasm',
        wasmPath: `file://${wasmDir}`,
        modelBasePath: `file://${root}/models/`,
        cacheSensitivity: 0,
        debug: false,
        face: {
          enabled: true,
          detector: { rotation: false, maxDetected: 3, minConfidence: 0.3, ...still },
          mesh: { enabled: true },
          iris: { enabled: false },
          description: { enabled: true, ...still },
          emotion: { enabled: false },
          antispoof: { enabled: true, ...still },
          liveness: { enabled: true, ...still },
        },
        body: { enabled: false },
        hand: { enabled: false },
        object: { enabled: false },
        gesture: { enabled: false },
        segmentation: { enabled: false },
      });
      await human.load();
      return human;
    })();
    return this.human;
  }

  /** The largest face of an image (its width in the image's pixels), or null. */
  async largestFace(image: Buffer): Promise<DetectedFace | null> {
    const human = await this.load();
    const { data, info } = await sharp(image).rotate().resize({ width: 1280, height: 1280, fit: 'inside', withoutEnlargement: true }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const tensor = human.tf.tensor4d(new Uint8Array(data.buffer, data.byteOffset, data.length), [1, info.height, info.width, 3], 'int32');
    try {
      const { face } = await human.detect(tensor);
      const withEmbedding = face.filter((f) => f.embedding && f.embedding.length > 0);
      return withEmbedding.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0] ?? null;
    } finally {
      tensor.dispose();
    }
  }

  async compare(cardFront: Buffer, selfie: Buffer): Promise<FaceResult> {
    const human = await this.load();
    const card = await this.largestFace(cardFront);
    const self = await this.largestFace(selfie);
    const liveness = self?.live ?? null;
    if (!card?.embedding || !self?.embedding) return { score: null, faceSizePx: null, liveness };
    return {
      score: human.match.similarity(card.embedding, self.embedding),
      faceSizePx: Math.round(Math.min(card.box[2], self.box[2])),
      liveness,
    };
  }

  /** The similarity of two faces' embeddings (for the benchmark). */
  async similarity(a: number[], b: number[]): Promise<number> {
    return (await this.load()).match.similarity(a, b);
  }
}
