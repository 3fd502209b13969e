// The report module's public face: build one model, render it to a format, and read packages back.
export { buildReport, type ReportInput } from './build'
export { renderReport, type RenderDeps, type RenderedReport } from './render'
export { suggestFileName } from './file-name'
export { parsePackage, VerificationPackage, PACKAGE_FORMAT, PACKAGE_VERSION } from './json-package'
export { mergePackage, type MergeResult } from './merge'
export { renderHtml } from './html'
export { pdfPrintOptions, playwrightPdfOptions } from './pdf'
export type { ReportModel, ReportStory, ReportClaim, ReportEvidence, Tally } from './model'
