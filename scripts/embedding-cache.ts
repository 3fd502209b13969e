// Sentence embeddings for scripts (the trainer, the benchmarks): the encoder the app ships, run in this
// process, with the vectors cached in the system's temp folder keyed by the sentences and the encoder, so a
// second run starts at once.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EMBEDDING_MODEL, EMBEDDING_SIZE, encode, loadEncoder } from '../src/main/memory/embedding'

/** The texts' embeddings, from the cache when the same texts were embedded before. */
export async function embeddingsOf(texts: string[], purpose: string): Promise<Float32Array[]> {
  const key = createHash('sha256')
    .update(EMBEDDING_MODEL)
    .update('\0')
    .update(texts.join('\0'))
    .digest('hex')
    .slice(0, 16)
  const file = path.join(os.tmpdir(), `factdesk-${purpose}-embeddings-${key}.f32`)
  let all: Float32Array | null = null
  if (existsSync(file)) {
    const bytes = readFileSync(file)
    if (bytes.length === texts.length * EMBEDDING_SIZE * 4)
      all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
  }
  if (!all) {
    console.error(`embedding ${texts.length} sentences (cached afterwards in ${file})`)
    all = await encode(await loadEncoder(), texts)
    writeFileSync(file, Buffer.from(all.buffer))
  }
  const joined = all
  return texts.map((_, i) => joined.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE))
}
