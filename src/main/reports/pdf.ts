// How a report is printed to PDF. One set of options serves Electron's webContents.printToPDF in
// the app and Playwright's page.pdf in the browser e2e driver, the tests and the bench (see
// `playwrightPdfOptions` and testing/playwright-print.ts).
// Page size, margins and the "Page n of m" line come from the report's own CSS (@page and its
// @bottom-center margin box, html-style.ts): Chromium's header and footer templates cost a
// separate layout for every page.
import { AppError } from '../../shared/result'

export const pdfPrintOptions = {
  pageSize: 'A4',
  printBackground: true,
  /** Tagged PDF so screen readers and text extraction follow the document structure. */
  generateTaggedPDF: true,
  generateDocumentOutline: true,
  displayHeaderFooter: false,
  /** The report's @page rule sets size and margins, with room at the bottom for the page numbers. */
  preferCSSPageSize: true
} as const

/** The same options in the names Playwright's page.pdf uses (the e2e browser driver prints with it). */
export function playwrightPdfOptions() {
  const { pageSize, generateTaggedPDF, generateDocumentOutline, ...shared } = pdfPrintOptions
  return { ...shared, format: pageSize, tagged: generateTaggedPDF, outline: generateDocumentOutline }
}

/**
 * The copy handed to the printer lays itself out only at a page's width. Before Chromium lays the
 * document out on the page, it lays it out once more for print media at the window's width (the
 * beforeprint state), which for a 1,000-claim report is as much work as the print layout itself.
 * The printed copy hides itself on screen and at any width of at least `printCopyHiddenFromPx`
 * (html-style.ts), far wider than an A4 page's 688 CSS px of content, and the hidden window it is
 * printed in is made wider than that, so both of those layouts are of an empty body.
 */
export const printCopyHiddenFromPx = 1200
export const printWindowSize = { width: 1600, height: 1000 } as const

/**
 * Settles as `work` does, or rejects with `cancelled` as soon as `signal` aborts; the caller stops
 * the work itself (closes the print window). A print cancelled before it starts never starts.
 */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(cancelledExport())
    if (signal.aborted) stop()
    signal.addEventListener('abort', stop, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
  })
}

export const cancelledExport = (): AppError => new AppError('cancelled', 'The export was cancelled: nothing was saved.')

/** Throws `cancelled` when the export's signal has aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledExport()
}
