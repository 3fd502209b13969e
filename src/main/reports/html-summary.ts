// The summary block: counts by verdict and by status as tables, and the same verdicts as a stacked bar.
import { html, type SafeHtml } from './html-template'
import type { ReportModel, SummaryRow, Tally } from './model'

/**
 * Inline SVG rather than CSS widths on divs: it prints exactly, scales with the page and carries
 * its own text alternative (role="img" + <title>) for screen readers and tagged PDF.
 */
export function verdictBar(tally: Tally, rows: readonly SummaryRow[]): SafeHtml {
  const n = (v: SummaryRow): number => tally.byVerdict[v.key] ?? 0
  const parts = rows.filter((v) => n(v) > 0)
  const description = parts.length === 0 ? 'No claims' : parts.map((v) => `${v.label}: ${n(v)}`).join(', ')
  let x = 0
  const rects = parts.map((v) => {
    const width = (n(v) / tally.claims) * 100
    const rect = html`<rect x="${x.toFixed(3)}" y="0" width="${width.toFixed(3)}" height="10" fill="${v.colour}"><title>${v.label}: ${n(v)}</title></rect>`
    x += width
    return rect
  })
  return html`<svg class="bar" role="img" aria-label="${`Verdicts: ${description}`}" viewBox="0 0 100 10" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg"><title>${`Verdicts: ${description}`}</title><rect x="0" y="0" width="100" height="10" fill="#eef1f4"/>${rects}</svg>`
}

export function summary(model: ReportModel, tally: Tally, heading: string): SafeHtml {
  const { verdicts, statuses } = model.summaryRows
  const verdictRows = verdicts.map(
    (v) =>
      html`<tr><th scope="row"><span class="swatch" style="background:${v.colour}"></span><bdi>${v.label}</bdi></th><td class="n">${tally.byVerdict[v.key] ?? 0}</td></tr>`
  )
  const statusRows = statuses.map(
    (s) => html`<tr><th scope="row"><bdi>${s.label}</bdi></th><td class="n">${tally.byStatus[s.key] ?? 0}</td></tr>`
  )
  return html`<div class="summary" role="group" aria-label="${heading}">
${verdictBar(tally, verdicts)}
<table class="by-verdict"><caption>By verdict</caption><thead><tr><th scope="col">Verdict</th><th scope="col" class="n">Claims</th></tr></thead><tbody>${verdictRows}</tbody><tfoot><tr><th scope="row">All claims</th><td class="n">${tally.claims}</td></tr></tfoot></table>
<table class="by-status"><caption>By status</caption><thead><tr><th scope="col">Status</th><th scope="col" class="n">Claims</th></tr></thead><tbody>${statusRows}</tbody></table>
</div>`
}
