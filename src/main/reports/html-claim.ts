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

/** A verdict waiting for re-check is shown struck through and named as such, never as current. */
function verdictBadge(c: ReportClaim): SafeHtml {
  if (!c.verdict) return html`<span class="badge v-none">No verdict yet</span>`
  if (c.needsRecheck) return html`<span class="badge recheck">Needs re-check</span> <span class="badge stale" title="Given on other words">${c.verdictLabel}</span>`
  return html`<span class="badge v-${c.verdict}">${c.verdictLabel}</span>`
}

function contactsTable(c: ReportClaim): SafeHtml | '' {
  if (!c.contacts) return ''
  if (c.contacts.length === 0) return html`<h4>Contact log</h4><p>No contact attempts recorded.</p>`
  const rows = c.contacts.map(
    (x) => html`<tr><td><time datetime="${x.at}">${formatDateTime(x.at)}</time></td><td><bdi>${x.by}</bdi></td><td dir="auto">${x.contact}${x.source ? html` (<bdi>${x.source}</bdi>)` : ''}</td><td>${x.method}</td><td>${x.outcome}</td><td dir="auto">${x.notes}</td><td>${x.followUp}</td></tr>`
  )
  return html`<h4>Contact log</h4><table class="working"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Whom</th><th scope="col">How</th><th scope="col">Outcome</th><th scope="col">Notes</th><th scope="col">Follow up</th></tr></thead><tbody>${rows}</tbody></table>`
}

function commentsList(c: ReportClaim): SafeHtml | '' {
  if (!c.comments || c.comments.length === 0) return ''
  return html`<h4>Comments</h4><ul>${c.comments.map((m) => html`<li><bdi>${m.by}</bdi>, <time datetime="${m.at}">${formatDateTime(m.at)}</time>: <span class="text" dir="auto">${m.body}</span></li>`)}</ul>`
}

export function claimHtml(c: ReportClaim): SafeHtml {
  const verdict = verdictBadge(c)
  const orphan = c.orphaned ? html`<span class="badge orphan">Orphaned: no longer found in the story ${c.inHeadline ? 'headline' : 'text'}</span>` : ''
  const headline = c.inHeadline ? html`<span class="badge headline">In the headline</span>` : ''
  const recheck = c.needsRecheck ? html`<p class="meta">The verdict waits for re-check: ${c.recheckReason}.</p>` : ''
  const checked = c.checkedWords !== null ? html`<h4>Words the verdict was given on</h4><blockquote class="checked-words" dir="auto">${c.checkedWords}</blockquote>` : ''
  const published = c.publishedUrl ? link(c.publishedUrl) : ''
  const evidence = c.evidence.length > 0 ? html`<h4>Evidence</h4><ol class="evidence">${c.evidence.map(evidenceItem)}</ol>` : html`<h4>Evidence</h4><p>No evidence recorded.</p>`
  return html`<article class="claim${c.orphaned ? ' orphaned' : ''}${c.needsRecheck ? ' recheck' : ''}" id="claim-${c.id}" aria-labelledby="claim-${c.id}-h">
<h3 id="claim-${c.id}-h">${c.label} ${verdict} <span class="badge status">${c.statusLabel}</span> ${headline}${orphan}</h3>
<blockquote class="context" dir="auto"><bdi class="around">${c.before}</bdi><mark dir="auto">${c.quote}</mark><bdi class="around">${c.after}</bdi></blockquote>
${recheck}${checked}
<dl class="facts">${fact('Restated', c.restatement, c.restatement !== '')}${fact('Type', claimTypeLabels[c.type])}${fact('Speaker', c.speaker, c.speaker !== '')}${fact('Assigned to', c.assignee, c.assignee !== '')}${fact('Last changed', html`<bdi>${c.lastChangedBy}</bdi>, <time datetime="${c.lastChangedAt}">${formatDateTime(c.lastChangedAt)}</time>`)}${fact('Priority', c.priority, c.priority !== 'normal')}${fact('Tags', c.tags.join(', '), c.tags.length > 0)}${fact('Published fact-check', published, c.publishedUrl !== '')}${fact('Checked against', c.checkedAgainst, c.checkedAgainst !== '')}</dl>
${c.rationale ? html`<h4>Rationale</h4>${block(c.rationale)}` : ''}
${c.correction ? html`<h4>Suggested correction</h4>${block(c.correction)}` : ''}
${evidence}
${contactsTable(c)}${commentsList(c)}
</article>`
}
