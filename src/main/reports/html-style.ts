// The report's stylesheet, inlined so the file needs nothing else: system fonts only, no url(), no @import.
import { verdictColours } from './labels'

const verdictBadges = Object.entries(verdictColours)
  .map(([verdict, colour]) => `.v-${verdict}{background:${colour}}`)
  .join('\n')

export const reportCss = `
@page { size: A4; margin: 15mm 14mm 19mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 56rem; padding: 1.5rem; }
@media print { body { padding: 0; max-width: none; font-size: 9.5pt; line-height: 1.35; } }
h1 { font-size: 19pt; margin: 0 0 .25rem; }
h2 { font-size: 15pt; margin: 1.6rem 0 .3rem; border-bottom: 2px solid #1b1f24; padding-bottom: .2rem; }
h3 { font-size: 11.5pt; margin: 0 0 .4rem; display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
h4 { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .04em; color: #57606a; margin: .4rem 0 .1rem; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.meta { color: #57606a; margin: 0 0 .8rem; }
.summary { display: grid; grid-template-columns: 1fr 1fr; align-items: start; gap: 0 2rem; margin: .6rem 0 1rem; }
.bar { grid-column: 1 / -1; width: 100%; height: 18px; display: block; margin: .3rem 0 .6rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; margin: .2rem 0 .6rem; font-size: 9.5pt; }
caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
th, td { text-align: left; padding: .15rem .4rem; border-bottom: 1px solid #d8dee4; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .7em; height: .7em; border-radius: 2px; margin-right: .35em; }
.story { break-before: page; page-break-before: always; }
.story:first-of-type { break-before: auto; page-break-before: auto; }
.claim { border-top: 1px solid #8c959f; padding: .45rem 0 .2rem; margin: .5rem 0; break-inside: avoid; page-break-inside: avoid; }
.claim.orphaned { border-top-style: dashed; background: #fff8e6; }
.badge { display: inline-block; font-size: 8.5pt; font-weight: 600; padding: .05rem .45rem; border-radius: 999px; color: #fff; background: #57606a; }
.badge.status { background: #eaeef2; color: #1b1f24; }
.badge.orphan { background: #9a6700; }
.badge.headline { background: #0969da; }
.badge.recheck { background: #8250df; }
.badge.stale { background: #eaeef2; color: #57606a; text-decoration: line-through; }
.claim.recheck { border-top-color: #8250df; }
.checked-words { margin: .2rem 0 .3rem; padding: .25rem .5rem; border-left: 3px solid #8250df; background: #f5f0ff; }
.signoff { margin: .3rem 0 .8rem; padding: .35rem .6rem; border: 1px solid #d8dee4; border-radius: 4px; }
.signoff.override { border-color: #c62828; background: #fff5f5; }
table.working { font-size: 8.5pt; }
${verdictBadges}
.v-none { color: #1b1f24; }
.context { margin: .2rem 0 .3rem; padding: .25rem .5rem; border-left: 3px solid #8c959f; background: #f6f8fa; }
.context mark { background: #fff1a8; padding: 0 .1em; }
.context .around { color: #57606a; }
/* Two term/value pairs a row: half the height of one a row, which halves a 1,000-claim PDF's pages. */
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: .05rem .7rem; margin: .25rem 0; font-size: 9pt; }
dl.facts dt { color: #57606a; }
dl.facts dd { margin: 0; }
.text { white-space: pre-wrap; margin: 0; overflow-wrap: anywhere; }
ol.evidence { margin: .2rem 0 0; padding-left: 1.3rem; }
ol.evidence li { margin-bottom: .2rem; }
.stance { font-weight: 600; }
.stance-supports { color: #1a7f37; } .stance-contradicts { color: #c62828; } .stance-context { color: #57606a; }
blockquote.excerpt { margin: .2rem 0 0; padding-left: .6rem; border-left: 2px solid #d8dee4; color: #333; white-space: pre-wrap; }
a { color: #0a58ca; overflow-wrap: anywhere; }
bdi, [dir=auto] { unicode-bidi: isolate; }
footer.generated { margin-top: 2rem; color: #57606a; font-size: 8.5pt; }
`

/** Added to the copy that is printed: the page is never shown, so it is laid out only once, for print. */
export const printOnlyCss = '@media screen { body > * { display: none; } }'
