// Sources (library-wide) and the evidence that links a claim to one of them.
import type { GroupHandlers } from '../registry'
import type { Evidence, Source, SourceFields } from '../../shared/model'
import { AppError } from '../../shared/result'
import { findClaim } from './claims'
import { currentEditor, findById, logActivity, type ServiceContext } from './context'
import { normaliseUrl, summaryFor } from './values'

const sourceDefaults: SourceFields = {
  url: '',
  title: '',
  publisher: '',
  author: '',
  publishedAt: '',
  accessedAt: '',
  archiveUrl: '',
  kind: 'other',
  reliability: 'unrated',
  notes: '',
  confidential: null
}

/** Ranks sources for search-as-you-type: title prefix first, then any word prefix, then anywhere. */
export function searchSources(sources: readonly Source[], query: string, limit = 50): Source[] {
  const q = query.trim().toLowerCase()
  if (!q) return [...sources].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit)
  const scored: { source: Source; score: number }[] = []
  for (const source of sources) {
    const title = source.title.toLowerCase()
    const haystack =
      `${title} ${source.publisher} ${source.author} ${source.url} ${source.archiveUrl} ${source.notes}`.toLowerCase()
    const score = title.startsWith(q)
      ? 3
      : new RegExp(`\\b${escapeRegExp(q)}`).test(haystack)
        ? 2
        : haystack.includes(q)
          ? 1
          : 0
    if (score > 0) scored.push({ source, score })
  }
  return scored
    .sort((a, b) => b.score - a.score || a.source.title.localeCompare(b.source.title))
    .slice(0, limit)
    .map((s) => s.source)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function findEvidence(evidence: Evidence[], id: string): Evidence {
  const found = findById(evidence, id)
  if (!found) throw new AppError('not_found', 'That piece of evidence is not on this story.')
  return found
}

export function sourceHandlers(ctx: ServiceContext) {
  const sources = {
    list: ({ query }) => searchSources(ctx.store.library.sources, query ?? ''),
    create: ({ fields }) => {
      currentEditor(ctx)
      return ctx.store.updateLibrary((draft) => {
        // The same document entered twice is one source: reuse it rather than split its citations.
        const same = fields.url
          ? draft.sources.find((s) => s.url && normaliseUrl(s.url) === normaliseUrl(fields.url ?? ''))
          : undefined
        if (same) return same
        const at = ctx.now().toISOString()
        const source: Source = {
          ...sourceDefaults,
          accessedAt: at,
          ...fields,
          id: ctx.newId(),
          createdAt: at,
          updatedAt: at
        }
        draft.sources.push(source)
        return source
      })
    },
    update: ({ id, patch }) => {
      currentEditor(ctx)
      return ctx.store.updateLibrary((draft) => {
        const source = draft.sources.find((s) => s.id === id)
        if (!source) throw new AppError('not_found', 'That source is not in the library.')
        Object.assign(source, patch, { updatedAt: ctx.now().toISOString() })
        return source
      })
    }
  } satisfies GroupHandlers<'sources'>
  const evidence = {
    add: ({ storyId, claimId, sourceId, fields }) => {
      const by = currentEditor(ctx)
      const source = ctx.store.library.sources.find((s) => s.id === sourceId)
      if (!source) throw new AppError('not_found', 'That source is not in the library.')
      return ctx.store.updateStory(storyId, (file) => {
        findClaim(file, claimId)
        const at = ctx.now().toISOString()
        const evidence: Evidence = {
          excerpt: '',
          stance: 'context',
          locator: '',
          appearance: false,
          ...fields,
          id: ctx.newId(),
          claimId,
          sourceId,
          createdAt: at,
          createdBy: by,
          updatedAt: at
        }
        file.evidence.push(evidence)
        file.story.updatedAt = at
        logActivity(ctx, file, by, {
          action: 'evidence.added',
          claimId,
          to: source.title,
          summary: `Evidence from “${summaryFor(source.title)}” (${evidence.stance})`
        })
        return evidence
      })
    },
    update: ({ storyId, evidenceId, patch }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const evidence = findEvidence(file.evidence, evidenceId)
        for (const [field, next] of Object.entries(patch)) {
          const previous = evidence[field as keyof typeof patch]
          if (next === undefined || next === previous) continue
          Object.assign(evidence, { [field]: next })
          logActivity(ctx, file, by, {
            action: 'evidence.updated',
            claimId: evidence.claimId,
            field,
            from: previous,
            to: next,
            summary: `Evidence ${field} changed`
          })
        }
        evidence.updatedAt = file.story.updatedAt = ctx.now().toISOString()
        return evidence
      })
    },
    remove: ({ storyId, evidenceId }) => {
      const by = currentEditor(ctx)
      return ctx.store.updateStory(storyId, (file) => {
        const evidence = findEvidence(file.evidence, evidenceId)
        file.evidence = file.evidence.filter((e) => e.id !== evidenceId)
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'evidence.removed',
          claimId: evidence.claimId,
          summary: 'Evidence removed'
        })
        return evidence
      })
    },
    restore: ({ storyId, evidence }) => {
      const by = currentEditor(ctx)
      if (!ctx.store.library.sources.some((s) => s.id === evidence.sourceId))
        throw new AppError('not_found', 'The source of that evidence is no longer in the library.')
      return ctx.store.updateStory(storyId, (file) => {
        findClaim(file, evidence.claimId)
        if (file.evidence.some((e) => e.id === evidence.id))
          throw new AppError('conflict', 'That evidence is already on the claim.')
        file.evidence.push(evidence)
        file.story.updatedAt = ctx.now().toISOString()
        logActivity(ctx, file, by, {
          action: 'evidence.added',
          claimId: evidence.claimId,
          summary: 'Evidence restored'
        })
        return evidence
      })
    }
  } satisfies GroupHandlers<'evidence'>
  return { sources, evidence }
}
