// The report module's public face: build one model, render it to a format. Reading packages back is in ../package.
export { buildReport, type ReportInput } from './build'
export { renderReport, type RenderDeps, type RenderedReport } from './render'
export { suggestFileName } from './file-name'
export { renderHtml } from './html'
export { workerPdfWriter, type PdfWriter, type PdfWriterOptions } from './pdf-writer'
export type { ReportModel, ReportStory, ReportClaim, ReportEvidence, Tally } from './model'
