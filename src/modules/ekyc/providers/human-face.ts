import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { packageDir } from './package-dir.ts';
import type { FaceProvider, FaceResult, FrameReading } from './ports.ts';

const require = createRequire(import.meta.url);

/** The parts of @vladmandic/human used here (its own typings do not resolve through its `exports` map). */
interface DetectedFace {
  box: [number, number, number, number];
  mesh?: [number, number, number?][];
  rotation?: { angle: { roll: number; yaw: number; pitch: number } } | null;
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

  /**
   * Active liveness readings of a frame sequence: head yaw/pitch (human's face-mesh rotation, in
   * degrees; yaw positive when the person turns to their own left, as seen by the camera: the face's
   * nose moves to the image's right), eye openness from the mesh's lid and corner points, and each
   * frame's similarity to the first.
   */
  async frames(images: Buffer[]): Promise<FrameReading[]> {
    const human = await this.load();
    const faces = [];
    for (const img of images) faces.push(await this.largestFace(img));
    const first = faces[0]?.embedding;
    return faces.map((f, i) => {
      if (!f) return { face: false, yaw: null, pitch: null, eyeOpen: null, samePerson: null };
      const deg = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : Math.round((x * 180) / Math.PI * 10) / 10);
      return {
        face: true,
        yaw: deg(f.rotation?.angle.yaw === undefined ? undefined : -f.rotation.angle.yaw),
        pitch: deg(f.rotation?.angle.pitch === undefined ? undefined : -f.rotation.angle.pitch),
        eyeOpen: eyeOpenness(f.mesh),
        samePerson: i === 0 ? 1 : first && f.embedding ? human.match.similarity(first, f.embedding) : null,
      };
    });
  }

  /** The similarity of two faces' embeddings (for the benchmark). */
  async similarity(a: number[], b: number[]): Promise<number> {
    return (await this.load()).match.similarity(a, b);
  }
}

/** Lid gap over eye width, both eyes averaged (MediaPipe face-mesh indices), or null without a mesh. */
export function eyeOpenness(mesh: DetectedFace['mesh']): number | null {
  if (!mesh || mesh.length < 468) return null;
  const d = (a: number, b: number) => Math.hypot(mesh[a][0] - mesh[b][0], mesh[a][1] - mesh[b][1]);
  const right = d(159, 145) / (d(33, 133) || 1);
  const left = d(386, 374) / (d(362, 263) || 1);
  return Math.round(((left + right) / 2) * 1000) / 1000;
}
