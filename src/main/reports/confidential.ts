// Confidential sources (the IFCN code allows withholding a source whose safety is at risk): every
// output is built from what this module leaves, so no format can print a withheld name by mistake.
import type { Source, StoryFile } from '../../shared/model'

export const CONFIDENTIAL_TITLE = 'Confidential source'
/** What a package says in place of the desk's own reason, which stays on the desk. */
export const WITHHELD_REASON = 'Withheld by the desk that exported this package'

/** The source as every output shows it: "Confidential source" and its kind, nothing that could name it. */
export function redactSource(source: Source): Source {
  if (!source.confidential) return source
  return {
    ...source,
    url: '',
    title: CONFIDENTIAL_TITLE,
    publisher: '',
    author: '',
    publishedAt: '',
    accessedAt: '',
    archiveUrl: '',
    notes: '',
    confidential: { reason: WITHHELD_REASON }
  }
}

/** The words that would name a confidential source if they appeared in free text the app wrote itself. */
function namesOf(sources: readonly Source[]): string[] {
  return sources
    .filter((s) => s.confidential)
    .flatMap((s) => [s.title, s.url, s.archiveUrl, s.author, s.publisher])
    .map((w) => w.trim())
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length)
}

function scrubber(names: string[]): (text: string) => string {
  if (names.length === 0) return (text) => text
  return (text) => names.reduce((t, name) => t.split(name).join(CONFIDENTIAL_TITLE.toLowerCase()), text)
}

const scrubSnapshot = <T>(value: T, scrub: (t: string) => string): T =>
  (typeof value === 'string' ? scrub(value) : value) as T

/**
 * The story files as outputs may show them: evidence from a confidential source loses its excerpt
 * and locator, and the activity log (which names a source when evidence is added) says
 * "confidential source" instead of the name.
 */
export function redactFiles(files: readonly StoryFile[], sources: readonly Source[]): StoryFile[] {
  const secret = new Set(sources.filter((s) => s.confidential).map((s) => s.id))
  if (secret.size === 0) return [...files]
  const scrub = scrubber(namesOf(sources))
  return files.map((file) => ({
    ...file,
    evidence: file.evidence.map((e) => (secret.has(e.sourceId) ? { ...e, excerpt: '', locator: '' } : e)),
    claims: file.claims.map((c) => ({
      ...c,
      contacts: c.contacts.map((k) => (k.sourceId && secret.has(k.sourceId) ? { ...k, notes: scrub(k.notes) } : k)),
      reviews: c.reviews.map((r) => ({ ...r, note: scrub(r.note) }))
    })),
    activity: file.activity.map((a) => ({
      ...a,
      summary: scrub(a.summary),
      from: scrubSnapshot(a.from, scrub),
      to: scrubSnapshot(a.to, scrub)
    }))
  }))
}
