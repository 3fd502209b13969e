// renderReport: one ReportModel to the bytes of the chosen format.
import type { CsvRows, ReportFormat, UnshownText } from '../../shared/contract/transfer'
import { noneLeftOut, renderClaimReview, type LeftOutCounts } from './claimreview'
import { renderCsv } from './csv'
import { extensions } from './file-name'
import { renderHtml } from './html'
import { renderPackage } from '../package/json-package'
import { renderMarkdown } from './markdown'
import { renderWebAnnotations } from './web-annotation'
import type { ReportModel } from './model'
import type { WrittenPdf } from './pdf-writer'

export interface RenderDeps {
  /**
   * Writes the PDF: in the app the PDF worker (pdf-writer.ts, with progress and cancel); the same
   * writer in this thread when not given (tests), loaded then, so main never loads pdfkit itself.
   */
  writePdf?(model: ReportModel): Promise<WrittenPdf>
  /** A CSV's rows: one per claim (the default) or one per evidence item. */
  csvRows?: CsvRows
}

export interface RenderedReport {
  bytes: Uint8Array
  extension: string
  claimCount: number
  /** Claims a publishing format left out, by why. */
  leftOut: LeftOutCounts
  /** Text the PDF cannot show (nothing for the other formats, which carry the characters as written). */
  unshown: UnshownText
}

const allShown = (): UnshownText => ({ characters: '', places: [] })

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

export async function renderReport(
  format: ReportFormat,
  model: ReportModel,
  deps: RenderDeps = {}
): Promise<RenderedReport> {
  // What every format answers alike: its extension, the claims the report shows, none left out, all shown.
  const report = (
    bytes: Uint8Array,
    parts: Partial<Omit<RenderedReport, 'bytes' | 'extension'>> = {}
  ): RenderedReport => ({
    bytes,
    extension: extensions[format],
    claimCount: model.totals.claims,
    leftOut: noneLeftOut(),
    unshown: allShown(),
    ...parts
  })
  switch (format) {
    case 'html':
      return report(utf8(renderHtml(model)))
    case 'pdf': {
      const { bytes, unshown } = await (deps.writePdf ?? (await import('./pdf-report')).writePdf)(model)
      return report(bytes, { unshown })
    }
    case 'markdown':
      return report(utf8(renderMarkdown(model)))
    case 'csv':
      return report(utf8(renderCsv(model, deps.csvRows)))
    case 'json':
      // The package is full fidelity, so it counts every claim in the files, not only those the report shows.
      return report(utf8(renderPackage(model)), { claimCount: model.files.reduce((n, f) => n + f.claims.length, 0) })
    case 'annotations': {
      const { text, count } = renderWebAnnotations(model)
      return report(utf8(text), { claimCount: count })
    }
    case 'claimreview': {
      const { text, count, leftOut } = renderClaimReview(model)
      return report(utf8(text), { claimCount: count, leftOut })
    }
  }
}
