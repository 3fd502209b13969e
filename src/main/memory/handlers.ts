// Channels of the desk's memory: earlier checks, reusing their evidence, and claim suggestions.
import type { GroupHandlers } from '../registry'
import type { Evidence } from '../../shared/model'
import { AppError } from '../../shared/result'
import { currentEditor, logActivity, type ServiceContext } from '../services/context'
import { findClaim } from '../services/claims'
import type { Platform } from '../platform'
import { archiveFormat, previewCsv } from './archive/parse'
import { ARCHIVE_STORY, type DeskMemory } from './memory'

const bytesOf = (file: { dataBase64: string }): Uint8Array => new Uint8Array(Buffer.from(file.dataBase64, 'base64'))

export function memoryHandlers(
  ctx: ServiceContext,
  memory: DeskMemory,
  platform: Pick<Platform, 'emit' | 'chooseLibraryFolder'>
) {
  return {
    matches: ({ storyId, claimId, wait }) => memory.matchesFor(storyId, claimId, wait === true),
    search: ({ query, wait }) => memory.search(query, wait === true),
    storyMatches: ({ storyId }) => memory.storyMatches(storyId),
    /**
     * Copies an earlier check's evidence and rationale onto a claim as a starting point. Linked and
     * logged in the claim's activity; the verdict is never touched, that stays the editor's call.
     */
    reuse: async ({ storyId, claimId, fromStoryId, fromClaimId }) => {
      const by = currentEditor(ctx)
      if (storyId === fromStoryId && claimId === fromClaimId)
        throw new AppError('invalid_input', 'A claim cannot reuse its own check.')
      if (fromStoryId === ARCHIVE_STORY)
        throw new AppError(
          'read_only',
          'An imported check is a reference to where it was published: open its link and add what you use as evidence.'
        )
      const earlier = fromStoryId === storyId ? null : await ctx.store.readStory(fromStoryId)
      return ctx.store.updateStory(storyId, (file) => {
        const source = earlier ?? file
        const from = findClaim(source, fromClaimId)
        const claim = findClaim(file, claimId)
        const known = new Set(ctx.store.library.sources.map((s) => s.id))
        const at = ctx.now().toISOString()
        const copied: Evidence[] = []
        for (const e of source.evidence) {
          if (e.claimId !== fromClaimId || !known.has(e.sourceId)) continue
          const already = file.evidence.some(
            (x) => x.claimId === claimId && x.sourceId === e.sourceId && x.excerpt === e.excerpt
          )
          if (already) continue
          copied.push({ ...e, id: ctx.newId(), claimId, createdAt: at, createdBy: by, updatedAt: at })
        }
        file.evidence.push(...copied)
        const title = source.story.title
        const note = from.rationale.trim()
          ? `From the earlier check in “${title}” (${from.updatedAt.slice(0, 10)}): ${from.rationale.trim()}`
          : ''
        const rationaleAdded = note !== '' && !claim.rationale.includes(note)
        if (rationaleAdded)
          claim.rationale = (claim.rationale.trim() ? `${claim.rationale.trim()}\n\n${note}` : note).slice(0, 20_000)
        if (copied.length === 0 && !rationaleAdded)
          throw new AppError('conflict', 'Everything from that earlier check is already on this claim.')
        claim.updatedAt = file.story.updatedAt = at
        claim.updatedBy = by
        const parts = [
          copied.length ? `${copied.length} evidence item${copied.length === 1 ? '' : 's'}` : '',
          rationaleAdded ? 'the rationale' : ''
        ].filter(Boolean)
        logActivity(ctx, file, by, {
          action: 'evidence.reused',
          claimId,
          from: `${fromStoryId}/${fromClaimId}`,
          to: copied.map((e) => e.id),
          summary: `Copied ${parts.join(' and ')} from the earlier check of “${from.anchor.quote.exact.slice(0, 120)}” in “${title}”`
        })
        return claim
      })
    },
    suggest: async ({ storyId, wait }) =>
      memory.suggest(await ctx.store.readStory(storyId), wait === true, (embedded, sentences, finished) =>
        platform.emit('memory.suggestRefined', { storyId, embedded, sentences, finished })
      ),
    dismiss: async ({ storyId, key }) => {
      currentEditor(ctx)
      await ctx.store.updateStory(storyId, (file) => {
        const dismissed = new Set(file.dismissedSuggestions ?? [])
        dismissed.add(key)
        file.dismissedSuggestions = [...dismissed].slice(-5000)
      })
      return null
    },
    /** A CSV file's columns and first rows (for the column-mapping step), or only the format of any other archive. */
    archivePreview: ({ file }) => {
      currentEditor(ctx)
      const bytes = bytesOf(file)
      // Only the start of the file is read here, in main; the whole of it is read in the archive worker.
      const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64 * 1024))
      const format = archiveFormat(file.fileName, head)
      if (format !== 'csv') return { format }
      const cut = bytes.length > 64 * 1024 ? head.slice(0, head.lastIndexOf('\n') + 1) : head
      return { format, ...previewCsv(cut) }
    },
    archiveImport: async ({ file, columns }) => {
      const by = currentEditor(ctx)
      return memory.importArchive(
        { fileName: file.fileName, bytes: bytesOf(file), columns },
        { id: ctx.newId(), importedAt: ctx.now().toISOString(), importedBy: by },
        (stage, done, total) => platform.emit('memory.archiveProgress', { stage, done, total })
      )
    },
    archiveImportLibrary: async () => {
      const by = currentEditor(ctx)
      const folder = await platform.chooseLibraryFolder('archive')
      if (!folder) return null
      return memory.importArchive(
        { folder },
        { id: ctx.newId(), importedAt: ctx.now().toISOString(), importedBy: by },
        (stage, done, total) => platform.emit('memory.archiveProgress', { stage, done, total })
      )
    },
    archiveCancel: () => ({ cancelled: memory.cancelArchiveImports() }),
    archives: () => memory.archiveImports()
  } satisfies GroupHandlers<'memory'>
}
