// Messages between main and the embedding worker (./embed-worker.ts).
export interface EmbedJob {
  id: number
  texts: string[]
}

export type EmbedReply = { id: number; ok: true; vectors: Float32Array } | { id: number; ok: false; message: string }
