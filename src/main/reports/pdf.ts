// How a report is printed to PDF. One set of options serves Electron's webContents.printToPDF in
// the app and Playwright's page.pdf in the browser e2e driver (see `playwrightPdfOptions`).
// Page size, margins and the "Page n of m" line come from the report's own CSS (@page and its
// @bottom-center margin box, html-style.ts): Chromium's header and footer templates cost a
// separate layout for every page, and the printed copy is never laid out for the screen
// (renderHtml's `forPrint`).

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
