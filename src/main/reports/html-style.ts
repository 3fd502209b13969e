// The report's stylesheet, inlined so the file needs nothing else: system fonts only, no url(), no @import.

export const reportCss = `
@page { size: A4; margin: 15mm 14mm 19mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 56rem; padding: 1.5rem; }
@media print { body { padding: 0; max-width: none; font-size: 9.5pt; line-height: 1.35; } }
h1 { font-size: 19pt; margin: 0 0 .25rem; }
h2 { font-size: 15pt; margin: 1.6rem 0 .3rem; border-bottom: 2px solid #1b1f24; padding-bottom: .2rem; }
h3 { font-size: 11.5pt; margin: 0 0 .3rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
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
.claim { border-top: 1px solid #8c959f; padding: .4rem 0 .1rem; margin: .4rem 0; break-inside: avoid; page-break-inside: avoid; }
.claim.orphaned { border-top-style: dashed; background: #fff8e6; }
.badge { font-size: 8.5pt; font-weight: 600; padding: .05rem .45rem; border-radius: 999px; color: #fff; background: #57606a; }
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
table.working caption { font-size: 8pt; text-transform: uppercase; letter-spacing: .04em; color: #57606a; padding: .2rem 0 0; }
.v-none { background: #d0d5db; color: #1b1f24; }
/* The words around the claim are grey and the claim's own words black on yellow (isolated text, no wrapper elements). */
.context { margin: .2rem 0 .3rem; padding: .25rem .5rem; border-left: 3px solid #8c959f; background: #f6f8fa; color: #57606a; }
.context mark { background: #fff1a8; color: #1b1f24; padding: 0 .1em; }
/* The short facts run on as one line; parts of the claim are run-in labelled paragraphs (html-claim.ts). */
.facts { margin: .2rem 0; font-size: 9pt; color: #3d444d; }
.field { margin: .2rem 0 0; }
.label { font-size: 8pt; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: #57606a; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
ol.evidence { margin: .1rem 0 0; padding-left: 1.3rem; }
ol.evidence li { margin-bottom: .15rem; }
/* History and comments: one compact line an entry, no markers. */
.log { list-style: none; margin: .05rem 0 0; padding: 0; font-size: 8.5pt; color: #3d444d; }
.stance { font-weight: 600; }
ol.sources { margin: .2rem 0 .6rem; padding-left: 1.6rem; font-size: 9pt; }
ol.sources li { margin-bottom: .15rem; }
.stance-supports { color: #1a7f37; } .stance-contradicts { color: #c62828; } .stance-context { color: #57606a; }
blockquote.excerpt { margin: .2rem 0 0; padding-left: .6rem; border-left: 2px solid #d8dee4; color: #333; white-space: pre-wrap; }
a { color: #0a58ca; overflow-wrap: anywhere; }
bdi, [dir=auto] { unicode-bidi: isolate; }
footer.generated { margin-top: 2rem; color: #57606a; font-size: 8.5pt; }
`
