// One claim as HTML: its words in context, the facts a sign-off editor needs, the evidence cited and
// how the claim was worked. Kept lean on purpose: every element and text run is a node in the tagged
// PDF's structure tree and in Chromium's print layout, so a 1,000-claim report prints in seconds only
// if a claim is a few dozen nodes. Parts of a claim are labelled paragraphs, not headings, so the
// PDF outline lists stories and claims rather than thousands of "Evidence" entries.
import { textOn } from '../../shared/rules/contrast'
import { safeHttpUrl } from './escape'
import { html, isolated, type HtmlPart, type SafeHtml } from './html-template'
import { claimTypeLabels, formatDate, formatDateTime, sourceKindLabels, stanceLabels } from './labels'
import type { ReportActivity, ReportClaim, ReportEvidence, ReportReview, ReportSource } from './model'

/** A link when the URL is http(s), otherwise the text itself; the report never loads either. */
export function link(url: string, text?: string): SafeHtml {
  const href = safeHttpUrl(url)
  return href ? html`<a href="${href}">${text ?? url}</a>` : isolated(text ?? url)
}

/** The run-in name of a part of the claim ("Rationale:"), styled as a small label. */
const label = (name: string): SafeHtml => html`<span class="label">${name}:</span>`

/** A labelled paragraph of user text that may be multi-line or right-to-left, kept literal and isolated. */
function field(name: string, text: string): SafeHtml {
  return html`<p class="field text">${label(name)} ${isolated(text)}</p>`
}

/** The full reference, printed once per story in its list of sources cited (html.ts). */
export function citation(s: ReportSource): SafeHtml {
  const parts: HtmlPart[] = []
  if (s.author) parts.push(html`<bdi>${s.author}</bdi>. `)
  parts.push(html`<cite dir="auto">${s.title}</cite>. `)
  if (s.publisher) parts.push(html`<bdi>${s.publisher}</bdi>`, s.publishedAt ? ', ' : '. ')
  if (s.publishedAt) parts.push(`${formatDate(s.publishedAt)}. `)
  parts.push(`(${sourceKindLabels[s.kind]})`)
  if (s.url) parts.push(' ', link(s.url))
  if (s.archiveUrl) parts.push(html` Archived: ${link(s.archiveUrl)}`)
  return html`${parts}`
}

/** Numbers the sources a story cites in the order its claims first cite them: [1], [2], … */
export type SourceNumbers = ReadonlyMap<string, number>

/**
 * One piece of evidence: stance, the source's title (linked) with its number in the story's list of
 * sources, where in the source, and the excerpt. The full reference is printed once, in that list.
 */
function evidenceItem(e: ReportEvidence, numbers: SourceNumbers): SafeHtml {
  const href = e.source.url ? safeHttpUrl(e.source.url) : null
  const title = href ? html`<a href="${href}" dir="auto">${e.source.title}</a>` : isolated(e.source.title)
  const locator = e.locator ? html`, ${isolated(e.locator)}` : ''
  const excerpt = e.excerpt ? html`<blockquote class="excerpt" dir="auto">${e.excerpt}</blockquote>` : ''
  return html`<li><span class="stance stance-${e.stance}">${stanceLabels[e.stance]}:</span> ${title} [${numbers.get(e.source.id) ?? '?'}]${locator}${excerpt}</li>`
}

/** A verdict waiting for re-check is shown struck through and named as such, never as current. */
function verdictBadge(c: ReportClaim): SafeHtml {
  if (!c.verdict) return html`<span class="badge v-none">No verdict yet</span>`
  if (c.needsRecheck)
    return html`<span class="badge recheck">Needs re-check</span> <span class="badge stale" title="Given on other words">${c.verdictLabel}</span>`
  // The desk's colour, with black or white text, whichever reads on it (rules/contrast.ts).
  return html`<span class="badge" data-verdict="${c.verdict}" style="background:${c.verdictColour};color:${textOn(c.verdictColour)}">${c.verdictLabel}</span>`
}

/** The short facts on one line: "Type: Statistic · Speaker: Dana Ortiz · …"; user text is isolated. */
function facts(c: ReportClaim): SafeHtml {
  const parts: HtmlPart[] = [`Type: ${claimTypeLabels[c.type]}`]
  if (c.speaker) parts.push(html`Speaker: ${isolated(c.speaker)}`)
  if (c.assignee) parts.push(html`Assigned to: ${isolated(c.assignee)}`)
  if (c.verdictBy) parts.push(html`Verdict given by ${isolated(c.verdictBy)}, ${formatDateTime(c.verdictAt)}`)
  parts.push(html`Last changed: ${isolated(c.lastChangedBy)}, ${formatDateTime(c.lastChangedAt)}`)
  if (c.priority !== 'normal') parts.push(`Priority: ${c.priority}`)
  if (c.tags.length > 0) parts.push(html`Tags: ${isolated(c.tags.join(', '))}`)
  if (c.publishedUrl) parts.push(html`Published fact-check: ${link(c.publishedUrl)}`)
  if (c.checkedAgainst) parts.push(html`Checked against: ${isolated(c.checkedAgainst)}`)
  if (c.contacts?.length === 0) parts.push('Contact log: none')
  return html`<p class="facts">${parts.flatMap((p, i) => (i === 0 ? [p] : [' · ', p]))}</p>`
}

/** Second reviews, dissents included, each with who, when, how sure and why. */
function reviewsList(c: ReportClaim): SafeHtml | '' {
  if (c.reviews.length === 0) return ''
  const item = (r: ReportReview): SafeHtml => {
    const on = r.current ? '' : html`, on the earlier verdict <bdi>${r.verdictLabel}</bdi>`
    const note = r.note ? html`: <span class="text" dir="auto">${r.note}</span>` : ''
    return html`<li class="review review-${r.stance}"><bdi>${r.by}</bdi> ${r.stance === 'agree' ? 'agrees' : 'dissents'} (${r.confidence} confidence${on}), ${formatDateTime(r.at)}${note}</li>`
  }
  return html`<p class="field">${label('Second review')}</p><ul class="log">${c.reviews.map(item)}</ul>`
}

function contactsTable(c: ReportClaim): SafeHtml | '' {
  if (!c.contacts || c.contacts.length === 0) return ''
  const rows = c.contacts.map(
    (x) =>
      html`<tr><td>${formatDateTime(x.at)}</td><td dir="auto">${x.by}</td><td dir="auto">${x.contact}${x.source ? html` (<bdi>${x.source}</bdi>)` : ''}</td><td>${x.method}</td><td>${x.outcome}</td><td dir="auto">${x.notes}</td><td>${x.followUp}</td></tr>`
  )
  return html`<table class="working"><caption>Contact log</caption><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Whom</th><th scope="col">How</th><th scope="col">Outcome</th><th scope="col">Notes</th><th scope="col">Follow up</th></tr></thead><tbody>${rows}</tbody></table>`
}

function commentsList(c: ReportClaim): SafeHtml | '' {
  if (!c.comments || c.comments.length === 0) return ''
  return html`<p class="field">${label('Comments')}</p><ul class="log">${c.comments.map((m) => html`<li><bdi>${m.by}</bdi>, ${formatDateTime(m.at)}: <span class="text" dir="auto">${m.body}</span></li>`)}</ul>`
}

/** The claim's own entries from the story's activity log, oldest first, one compact line each. */
function history(entries: readonly ReportActivity[]): SafeHtml | '' {
  if (entries.length === 0) return ''
  return html`<p class="field">${label('History')}</p><ol class="log">${entries.map((a) => html`<li>${formatDateTime(a.at)} · ${isolated(a.by)} · ${a.summary}</li>`)}</ol>`
}

export function claimHtml(c: ReportClaim, numbers: SourceNumbers, activity: readonly ReportActivity[] = []): SafeHtml {
  const verdict = verdictBadge(c)
  const orphan = c.orphaned
    ? html` <span class="badge orphan">Orphaned: no longer found in the story ${c.inHeadline ? 'headline' : 'text'}</span>`
    : ''
  const headline = c.inHeadline ? html` <span class="badge headline">In the headline</span>` : ''
  const recheck = c.needsRecheck ? html`<p class="meta">The verdict waits for re-check: ${c.recheckReason}.</p>` : ''
  const checked =
    c.checkedWords !== null
      ? html`<p class="field">${label('Words the verdict was given on')}</p><blockquote class="checked-words" dir="auto">${c.checkedWords}</blockquote>`
      : ''
  const evidence =
    c.evidence.length > 0
      ? html`<p class="field">${label('Evidence')}</p><ol class="evidence">${c.evidence.map((e) => evidenceItem(e, numbers))}</ol>`
      : html`<p class="field">${label('Evidence')} none recorded.</p>`
  return html`<article class="claim${c.orphaned ? ' orphaned' : ''}${c.needsRecheck ? ' recheck' : ''}" id="claim-${c.id}" aria-labelledby="claim-${c.id}-h">
<h3 id="claim-${c.id}-h">${c.label} ${verdict} <span class="badge status">${c.statusLabel}</span>${headline}${orphan}</h3>
<blockquote class="context" dir="auto">${isolated(c.before)}<mark dir="auto">${c.quote}</mark>${isolated(c.after)}</blockquote>
${recheck}${checked}${facts(c)}
${c.restatement ? field('Restated', c.restatement) : ''}${c.rationale ? field('Rationale', c.rationale) : ''}${c.correction ? field('Suggested correction', c.correction) : ''}
${evidence}
${reviewsList(c)}${contactsTable(c)}${commentsList(c)}${history(activity)}
</article>`
}
