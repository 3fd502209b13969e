// Hostile and odd inputs for the import worker, made in code so the large ones need not be
// committed: deep nesting, zip bombs (honest and lying about their sizes), stylesheets that break
// jsdom's CSS parser, a charset that does not match the bytes, a huge inline image, and scripts
// and event handlers that must never run. Used by the hostile-input tests and the import bench.
import { deflateRawSync, constants } from 'node:zlib'

const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1}: the council said the budget rose 4 per cent, and officials confirmed the figure on Tuesday.</p>`
  ).join('\n')

export function deepHtml(depth: number): string {
  return `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}${prose(3)}${'</div>'.repeat(depth)}</body></html>`
}

const DOCX_PARTS = {
  '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
}
const documentXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:p><w:r><w:t>The council said the budget rose.</w:t></w:r></w:p></w:body></w:document>`

/**
 * A .docx whose document.xml inflates to `mb` megabytes of spaces from a few hundred kilobytes.
 * Built by hand, in milliseconds: a deflate stream of `mb` copies of one sync-flushed megabyte
 * (each copy byte-aligned and self-contained), then a final block. With `lie`, the zip directory
 * claims the part is 1 KB, so only inflating it shows the truth.
 */
export function zipBombDocx(mb: number, { lie = false } = {}): Uint8Array {
  const enc = new TextEncoder()
  const head = enc.encode(documentXml('').replace('</w:body></w:document>', ''))
  const chunk = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH })
  const start = deflateRawSync(Buffer.from(head), { finishFlush: constants.Z_SYNC_FLUSH })
  const end = deflateRawSync(Buffer.from('</w:body></w:document>'))
  const stream = Buffer.concat([start, ...Array.from({ length: mb }, () => chunk), end])
  const entries: { name: string; data: Buffer; method: number; size: number; crc: number }[] = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(DOCX_PARTS['[Content_Types].xml']),
      method: 0,
      size: DOCX_PARTS['[Content_Types].xml'].length,
      crc: 0
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(DOCX_PARTS['_rels/.rels']),
      method: 0,
      size: DOCX_PARTS['_rels/.rels'].length,
      crc: 0
    },
    {
      name: 'word/document.xml',
      data: stream,
      method: 8,
      size: lie ? 1024 : head.length + mb * 1024 * 1024 + 22,
      crc: 0
    }
  ]
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(e.method, 8)
    local.writeUInt32LE(e.crc, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(e.method, 10)
    central.writeUInt32LE(e.crc, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(e.size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    centrals.push(central, name)
    offset += 30 + name.length + e.data.length
  }
  const directory = Buffer.concat(centrals)
  const endRecord = Buffer.alloc(22)
  endRecord.writeUInt32LE(0x06054b50, 0)
  endRecord.writeUInt16LE(entries.length, 8)
  endRecord.writeUInt16LE(entries.length, 10)
  endRecord.writeUInt32LE(directory.length, 12)
  endRecord.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, endRecord]))
}

export const badCssHtml = `<!doctype html><html><head><title>Styled</title><style>a{border:inherit;border-color:red}</style></head><body><article>${prose(4)}<p style="border:inherit;border-color:red">Styled paragraph stays.</p><p style="display:none">HIDDEN-BY-STYLE</p></article></body></html>`

/** Valid UTF-8 bytes under a meta tag that claims gb2312. */
export const wrongCharsetHtml = `<!doctype html><html><head><meta charset="gb2312"><title>Café prices</title></head><body><article>${prose(3)}<p>The café owner said prices rose 4 per cent — “too much,” she said.</p></article></body></html>`

/** An 8 MB photo inlined as a data: address in the middle of the article. */
export function hugeImageHtml(): string {
  return `<!doctype html><html><head><title>Photo</title></head><body><article>${prose(3)}<img alt="" src="data:image/png;base64,${'iVBORw0KGgo'.repeat(750_000)}">${prose(2)}</article></body></html>`
}

/** Scripts, handlers, javascript: links and srcdoc frames: none may run or reach the text. */
export function scriptsHtml(marker: string): string {
  const run = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`
  return `<!doctype html><html><head><title>Scripts</title><script>${run}</script></head><body onload="${run}"><article>${prose(4)}
    <img src="x" onerror="${run}"><a href="javascript:${run}">link words</a><svg><script>${run}</script></svg>
    <iframe srcdoc="<script>${run}</script>"></iframe><script>document.write('SCRIPT-TEXT')</script></article></body></html>`
}
