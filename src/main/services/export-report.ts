// One report export as a job the editor can follow and stop: read the stories, make the report
// (a PDF is written in the PDF worker), ask where to save it, write it atomically. Each step is
// announced as `export.progress`; `export.cancel` aborts the job's signal, which terminates the PDF
// worker and fails the call with `cancelled`. Nothing is written before the last step, and that step
// writes a temp file beside the target and renames it over, so a cancelled, failed or crashed
// export leaves no file, whole or partial, and the library is only read.
import { writeFileDurably } from '../store/durable-write'
import { nodeFileIO } from '../store/file-io'
import type { ExportResult, ReportRequest } from '../../shared/contract'
import type { StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import type { Platform } from '../platform'
import { buildReport, renderReport, suggestFileName } from '../reports'
import { filterStoryFiles } from '../reports/claim-filter'
import { throwIfCancelled } from '../reports/pdf'
import type { PdfWriter, WrittenPdf } from '../reports/pdf-writer'
import type { ServiceContext } from './context'

type Phase = 'reading' | 'rendering' | 'saving'

export async function exportReport(
  ctx: ServiceContext,
  { platform, pdf }: { platform: Platform; pdf: PdfWriter },
  request: ReportRequest,
  signal: AbortSignal
): Promise<ExportResult> {
  const ids =
    request.scope === 'library'
      ? ctx.store.library.stories.filter((s) => s.deletedAt === null).map((s) => s.id)
      : request.storyIds
  if (ids.length === 0) throw new AppError('invalid_input', 'Choose at least one story to export.')
  // One step per story read, one to make (write) the report, one to save it; a PDF's step is
  // announced again as its claims are written (`written` of `claims`).
  const total = ids.length + 2
  const step = (phase: Phase, done: number, written?: { done: number; total: number }): void => {
    throwIfCancelled(signal)
    platform.emit('export.progress', { phase, done, total, ...(written ? { claims: written } : {}) })
  }
  step('reading', 0)
  const stories: StoryFile[] = []
  for (const [index, id] of ids.entries()) {
    stories.push(await ctx.store.readStory(id))
    step('reading', index + 1)
  }
  const { sources, people, settings } = ctx.store.library
  const chosen = request.filter ? filterStoryFiles(stories, request.filter) : stories
  if (chosen.length === 0) throw new AppError('invalid_input', 'No claim passes the filter: nothing to export.')
  step('rendering', ids.length)
  const model = buildReport({
    stories: chosen,
    sources,
    people,
    settings,
    options: request.options,
    generatedAt: ctx.now().toISOString()
  })
  const rendered = await renderReport(request.format, model, {
    writePdf: (report) =>
      written(
        pdf.write(report, (done, claims) => step('rendering', ids.length, { done, total: claims }), signal),
        signal
      ),
    csvRows: request.rows ?? 'claim'
  })
  step('rendering', ids.length + 1)
  const target = await platform.chooseSavePath(suggestFileName(model, request.format), rendered.extension)
  const { claimCount, leftOut, unshown } = rendered
  if (!target) return { saved: false, path: '', bytes: 0, claimCount, leftOut, unshown }
  step('saving', ids.length + 1)
  // From here the job finishes: the write is atomic, so a Cancel now is too late, never half-done.
  // An io_error says which file and why (the disk is full, permission was denied).
  await writeFileDurably(nodeFileIO, target, rendered.bytes, { backup: 'none' })
  platform.emit('export.progress', { phase: 'saving', done: total, total })
  return {
    saved: true,
    path: target,
    bytes: rendered.bytes.byteLength,
    claimCount,
    leftOut,
    unshown
  }
}

/** The PDF writer's answer, with any failure but a cancel said as `print_failed`. */
async function written(work: Promise<WrittenPdf>, signal: AbortSignal): Promise<WrittenPdf> {
  try {
    return await work
  } catch (error) {
    if (error instanceof AppError && error.code === 'cancelled') throw error
    throwIfCancelled(signal)
    throw new AppError(
      'print_failed',
      `The PDF could not be written: ${error instanceof Error ? error.message : String(error)}. Nothing was saved; try again, or export HTML and print it from a browser.`
    )
  }
}
