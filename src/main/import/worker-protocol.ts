// Messages between the main process and the import worker.
import type { AppErrorShape } from '../../shared/result'
import type { FetchedPage } from './fetch-page'
import type { ImportedStory } from './story'

export type WorkerJob =
  { kind: 'file'; file: { fileName: string; bytes: Uint8Array } } | { kind: 'page'; page: FetchedPage }

/** `heapMb`: the worker's JavaScript heap after the job, for the import bench. */
export type WorkerReply = ({ ok: true; story: ImportedStory } | { ok: false; error: AppErrorShape }) & {
  heapMb?: number
}
