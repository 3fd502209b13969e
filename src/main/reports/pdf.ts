// How a report is printed to PDF. One set of options serves Electron's webContents.printToPDF in
// the app and Playwright's page.pdf in the browser e2e driver (see `playwrightPdfOptions`).

const footer = `<div style="width:100%;font:8px system-ui,sans-serif;color:#555;text-align:center">
  Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`

export const pdfPrintOptions = {
  pageSize: 'A4',
  printBackground: true,
  /** Tagged PDF so screen readers and text extraction follow the document structure. */
  generateTaggedPDF: true,
  generateDocumentOutline: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  footerTemplate: footer,
  /** Inches, as printToPDF wants them; room at the bottom for the page numbers. */
  margins: { top: 0.6, bottom: 0.75, left: 0.55, right: 0.55 }
} as const

/** The same options in the names Playwright's page.pdf uses (the e2e browser driver prints with it). */
export function playwrightPdfOptions() {
  const { pageSize, generateTaggedPDF, generateDocumentOutline, margins, ...shared } = pdfPrintOptions
  const inches = (n: number) => `${n}in`
  return {
    ...shared,
    format: pageSize,
    tagged: generateTaggedPDF,
    outline: generateDocumentOutline,
    margin: { top: inches(margins.top), bottom: inches(margins.bottom), left: inches(margins.left), right: inches(margins.right) }
  }
}
