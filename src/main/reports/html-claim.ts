// One claim as HTML: its words in context, the facts a sign-off editor needs, and the evidence cited.
import { safeHttpUrl } from './escape'
import { html, type HtmlPart, type SafeHtml } from './html-template'
import { claimTypeLabels, formatDate, formatDateTime, sourceKindLabels, stanceLabels } from './labels'
import type { ReportClaim, ReportEvidence } from './model'

/** A link when the URL is http(s), otherwise the text itself; the report never loads either. */
export function link(url: string, text?: string): SafeHtml {
  const href = safeHttpUrl(url)
  return href ? html`<a href="${href}">${text ?? url}</a>` : html`<bdi>${text ?? url}</bdi>`
}

/** User text that may be multi-line or right-to-left: kept literal and isolated from its neighbours. */
const block = (text: string): SafeHtml => html`<p class="text" dir="auto">${text}</p>`

/** The <dd> is itself a bidi isolate (dir="auto"), so values need no extra <bdi> wrapper. */
function fact(term: string, value: HtmlPart, when = true): SafeHtml {
  return when ? html`<dt>${term}</dt><dd dir="auto">${value}</dd>` : html``
}

export function citation(e: ReportEvidence): SafeHtml {
  const s = e.source
  const parts: HtmlPart[] = []
  if (s.author) parts.push(html`<bdi>${s.author}</bdi>. `)
  parts.push(html`<cite dir="auto">${s.title}</cite>. `)
  if (s.publisher) parts.push(html`<bdi>${s.publisher}</bdi>`, s.publishedAt ? ', ' : '. ')
  if (s.publishedAt) parts.push(`${formatDate(s.publishedAt)}. `)
  parts.push(html`<span class="kind">(${sourceKindLabels[s.kind]})</span> `)
  if (s.url) parts.push(link(s.url), ' ')
  if (s.archiveUrl) parts.push(html`Archived: ${link(s.archiveUrl)} `)
  if (e.locator) parts.push(html`— <bdi>${e.locator}</bdi>`)
  return html`${parts}`
}

function evidenceItem(e: ReportEvidence): SafeHtml {
  const excerpt = e.excerpt ? html`<blockquote class="excerpt" dir="auto">${e.excerpt}</blockquote>` : ''
  return html`<li><span class="stance stance-${e.stance}">${stanceLabels[e.stance]}:</span> ${citation(e)}${excerpt}</li>`
}

export function claimHtml(c: ReportClaim): SafeHtml {
  const verdict = c.verdict ? html`<span class="badge v-${c.verdict}">${c.verdictLabel}</span>` : html`<span class="badge v-none">No verdict yet</span>`
  const orphan = c.orphaned ? html`<span class="badge orphan">Orphaned: no longer found in the story text</span>` : ''
  const published = c.publishedUrl ? link(c.publishedUrl) : ''
  const evidence = c.evidence.length > 0 ? html`<h4>Evidence</h4><ol class="evidence">${c.evidence.map(evidenceItem)}</ol>` : html`<h4>Evidence</h4><p>No evidence recorded.</p>`
  return html`<article class="claim${c.orphaned ? ' orphaned' : ''}" id="claim-${c.id}" aria-labelledby="claim-${c.id}-h">
<h3 id="claim-${c.id}-h">Claim ${c.number} ${verdict} <span class="badge status">${c.statusLabel}</span> ${orphan}</h3>
<blockquote class="context" dir="auto"><bdi class="around">${c.before}</bdi><mark dir="auto">${c.quote}</mark><bdi class="around">${c.after}</bdi></blockquote>
<dl class="facts">${fact('Restated', c.restatement, c.restatement !== '')}${fact('Type', claimTypeLabels[c.type])}${fact('Speaker', c.speaker, c.speaker !== '')}${fact('Assigned to', c.assignee, c.assignee !== '')}${fact('Last changed', html`<bdi>${c.lastChangedBy}</bdi>, <time datetime="${c.lastChangedAt}">${formatDateTime(c.lastChangedAt)}</time>`)}${fact('Priority', c.priority, c.priority !== 'normal')}${fact('Tags', c.tags.join(', '), c.tags.length > 0)}${fact('Published fact-check', published, c.publishedUrl !== '')}</dl>
${c.rationale ? html`<h4>Rationale</h4>${block(c.rationale)}` : ''}
${c.correction ? html`<h4>Suggested correction</h4>${block(c.correction)}` : ''}
${evidence}
</article>`
}
