// The HTML report: one self-contained, printable document (no scripts, nothing fetched when opened).
import { html, trusted, type SafeHtml } from './html-template'
import { citation, claimHtml, link } from './html-claim'
import { reportCss } from './html-style'
import { summary } from './html-summary'
import { formatDateTime } from './labels'
import { printedStory, type ReportActivity, type ReportModel, type ReportStory } from './model'

/** The log entries no printed claim shows in its history: the story's own, and those of claims left out. */
function activityTable(entries: readonly ReportActivity[]): SafeHtml | '' {
  if (entries.length === 0) return ''
  const rows = entries.map(
    (a) =>
      html`<tr><td>${formatDateTime(a.at)}</td><td dir="auto">${a.by}</td><td>${a.action}</td><td dir="auto">${a.summary}</td></tr>`
  )
  return html`<h3>Activity log</h3><table class="activity"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead><tbody>${rows}</tbody></table>`
}

/** Who cleared the story; an override is printed with its reason and everything it overrode. */
function signOffBlock(story: ReportStory): SafeHtml | '' {
  const s = story.signOff
  if (!s) return ''
  const when = html`<bdi>${s.by}</bdi>, <time datetime="${s.at}">${formatDateTime(s.at)}</time>`
  if (!s.override) return html`<p class="signoff">Signed off by ${when}: every claim Done with a current verdict.</p>`
  return html`<div class="signoff override"><p><strong>Signed off with an override</strong> by ${when}.</p><p>Reason: <span class="text" dir="auto">${s.override.reason}</span></p><p>Claims that blocked sign-off:</p><ul>${s.override.blockers.map((b) => html`<li dir="auto">${b}</li>`)}</ul></div>`
}

/** The corrections log: when, which claims, what changed and the note readers were given. */
function correctionsBlock(story: ReportStory): SafeHtml | '' {
  if (story.corrections.length === 0) return ''
  return html`<section class="corrections" aria-label="Corrections">
<h3>Corrections</h3>
<ol>
${story.corrections.map(
  (
    c
  ) => html`<li><time datetime="${c.at}">${formatDateTime(c.at)}</time>${c.claimLabels.length > 0 ? html` (${c.claimLabels.join(', ')})` : ''}: <span class="text" dir="auto">${c.note}</span>
<p class="field"><span class="label">What changed:</span> <span class="text" dir="auto">${c.what}</span> · <bdi>${c.by}</bdi></p></li>`
)}
</ol>
</section>`
}

/** The IFCN statements from the desk's settings: how it checks, its corrections policy, contact, funding. */
function transparencyBlock(model: ReportModel): SafeHtml | '' {
  const t = model.transparency
  if (!t.methodology && !t.correctionsPolicyUrl && !t.contact && !t.funding) return ''
  return html`<section class="transparency" aria-label="About this fact-check">
<h2>About this fact-check</h2>
${t.methodology ? html`<p class="field"><span class="label">How we check:</span> <span class="text" dir="auto">${t.methodology}</span></p>` : ''}
${t.correctionsPolicyUrl ? html`<p class="field"><span class="label">Corrections policy:</span> ${link(t.correctionsPolicyUrl)}</p>` : ''}
${t.contact ? html`<p class="field"><span class="label">Contact:</span> <span class="text" dir="auto">${t.contact}</span></p>` : ''}
${t.funding ? html`<p class="field"><span class="label">Funding:</span> <span class="text" dir="auto">${t.funding}</span></p>` : ''}
</section>`
}

function storySection(model: ReportModel, story: ReportStory): SafeHtml {
  const { facts: meta, claimLog: byClaim, storyLog, cited, numbers } = printedStory(story)
  const claims =
    story.claims.length > 0
      ? story.claims.map((c) => claimHtml(c, numbers, byClaim.get(c.id)))
      : html`<p>No claims marked in this story.</p>`
  const sources =
    cited.size > 0
      ? html`<h3>Sources cited</h3><ol class="sources">${[...cited.values()].map((s) => html`<li>${citation(s)}</li>`)}</ol>`
      : ''
  return html`<section class="story" id="story-${story.id}" aria-labelledby="story-${story.id}-h"${story.language ? html` lang="${story.language}"` : ''}>
<h2 id="story-${story.id}-h" dir="auto">${story.title}</h2>
<p class="meta"><bdi>${meta.join(' · ')}</bdi>${story.url ? html` · ${link(story.url)}` : ''}</p>
${signOffBlock(story)}
${correctionsBlock(story)}
${summary(model, story.tally, `Summary of ${story.title}`)}
${claims}
${sources}
${activityTable(storyLog)}
</section>`
}

export function renderHtml(model: ReportModel): string {
  const by = model.organisation.name
    ? html` by ${model.organisation.url ? link(model.organisation.url, model.organisation.name) : html`<bdi>${model.organisation.name}</bdi>`}`
    : ''
  const overall =
    model.stories.length > 1
      ? html`<h2>Summary of ${model.stories.length} stories</h2>${summary(model, model.totals, 'Summary of all stories')}`
      : ''
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Factdesk">
<title>${model.title}</title>
<style>${trusted(reportCss)}</style>
</head>
<body>
<header>
<h1 dir="auto">${model.title}</h1>
<p class="meta">Generated <time datetime="${model.generatedAt}">${formatDateTime(model.generatedAt)}</time>${by} · ${model.totals.claims} claims in ${model.stories.length} ${model.stories.length === 1 ? 'story' : 'stories'}</p>
${model.options.internal ? html`<p class="meta"><strong>Internal report:</strong> includes comments and the contact log, which hold personal data. Not for publication.</p>` : ''}
</header>
<main>
${transparencyBlock(model)}
${overall}
${model.stories.map((story) => storySection(model, story))}
</main>
<footer class="generated">Made with Factdesk. Times are UTC.</footer>
</body>
</html>
`
  return doc.value
}
