// Bringing stories in (file, URL, verification package; pasted text is stories.create), re-importing
// newer versions, and exporting reports.
import { printedVerdict } from '../../shared/rules/scales'
import type { GroupHandlers } from '../registry'
import type { FilteredClaim, ImportedFile, ReanchorReport } from '../../shared/contract'
import type { StoryFile } from '../../shared/model'
import { AppError } from '../../shared/result'
import type { Importer, ImportedStory } from '../import'
import type { NetworkHosts } from '../identity'
import type { PickedFile, Platform } from '../platform'
import { mergePackage, parsePackage } from '../package'
import { claimPasses } from '../reports/claim-filter'
import { claimLabel, storyOrder } from '../../shared/rules/claims'
import { partText } from '../../shared/text/parts'
import { currentEditor, logActivity, type ServiceContext } from './context'
import { exportReport } from './export-report'
import type { PdfWriter } from '../reports/pdf-writer'
import { checkPublished } from './published'
import { reviseStory } from './revise'
import { newStoryFile } from './stories'

export interface TransferDeps {
  platform: Platform
  importer: Importer
  networkHosts: NetworkHosts
  /** Writes a PDF report (the PDF worker in the app). */
  pdf: PdfWriter
}

const fromBase64 = (file: ImportedFile): PickedFile => ({
  fileName: file.fileName,
  bytes: new Uint8Array(Buffer.from(file.dataBase64, 'base64'))
})

export function transferHandlers(ctx: ServiceContext, deps: TransferDeps) {
  const { platform, importer, networkHosts } = deps
  /**
   * A redirect into this computer or the local network is followed only with the editor's yes, asked
   * by main in a native dialog naming the host and remembered per host; the page cannot grant it.
   */
  const consentFor =
    (page: string) =>
    async (host: string, address: string): Promise<boolean> => {
      if (await networkHosts.allowed(host)) return true
      const yes = await platform.askNetworkConsent({ page, host, address })
      if (yes) await networkHosts.allow(host)
      return yes
    }
  /** The report this window saved last: the only file `export.reveal` will show in the file manager. */
  let lastExport: string | null = null
  /** Report exports under way; `export.cancel` aborts them (services/export-report.ts). */
  const exports = new Set<AbortController>()

  async function addImported(imported: ImportedStory, origin: StoryFile['story']['origin']) {
    const by = currentEditor(ctx)
    const file = newStoryFile(ctx, { meta: imported.meta, text: imported.text, origin }, by)
    return { story: await ctx.store.createStory(file), warnings: imported.warnings }
  }

  async function reviseFrom(id: string, imported: ImportedStory): Promise<ReanchorReport> {
    const by = currentEditor(ctx)
    const { report } = await reviseStory(ctx, id, imported.text, 'Re-imported a newer version', by)
    return report
  }

  const importing = {
    file: async (file) => {
      currentEditor(ctx)
      const picked = fromBase64(file)
      return addImported(await importer.file(picked), { kind: 'file', location: picked.fileName })
    },
    url: async ({ url }) => {
      currentEditor(ctx)
      return addImported(await importer.url(url, { consent: consentFor(url) }), { kind: 'url', location: url })
    },
    cancel: async () => ({ cancelled: importer.cancel() })
  } satisfies GroupHandlers<'import'>
  const reimport = {
    reimport: async ({ id, file }) => {
      currentEditor(ctx)
      const story = (await ctx.store.readStory(id)).story
      if (file) return reviseFrom(id, await importer.file(fromBase64(file)))
      if (story.origin.kind === 'url')
        return reviseFrom(id, await importer.url(story.origin.location, { consent: consentFor(story.origin.location) }))
      const picked = await platform.chooseImportFile('story')
      if (!picked) throw new AppError('cancelled', 'No file was chosen.')
      return reviseFrom(id, await importer.file(picked))
    },
    checkPublished: async ({ id }) =>
      checkPublished(ctx, id, currentEditor(ctx), (url) => importer.url(url, { consent: consentFor(url) }))
  } satisfies GroupHandlers<'reimport'>
  const exporting = {
    report: async (request) => {
      const job = new AbortController()
      exports.add(job)
      try {
        const result = await exportReport(ctx, { platform, pdf: deps.pdf }, request, job.signal)
        if (result.saved) lastExport = result.path
        return result
      } finally {
        exports.delete(job)
      }
    },
    cancel: async () => {
      const stopped = exports.size
      for (const job of exports) job.abort()
      exports.clear()
      return { cancelled: stopped }
    },
    claims: async ({ filter, limit }) => {
      const live = ctx.store.library.stories.filter((s) => s.deletedAt === null)
      const claims: FilteredClaim[] = []
      const tags = new Set<string>()
      let total = 0
      for (const summary of live) {
        const file = await ctx.store.readStory(summary.id)
        for (const claim of [...file.claims].sort(storyOrder)) {
          for (const tag of claim.tags) tags.add(tag)
          if (!claimPasses(filter, file, claim)) continue
          total++
          if (claims.length < limit)
            claims.push({
              storyId: file.story.id,
              storyTitle: file.story.title,
              claimId: claim.id,
              label: claimLabel(claim.number),
              words: claim.orphaned
                ? claim.anchor.quote.exact
                : partText(file.story, claim.anchor.part).slice(claim.anchor.position.start, claim.anchor.position.end),
              status: claim.status,
              verdict: claim.verdict,
              verdictLabel: printedVerdict(ctx.store.library.settings, claim)
            })
        }
      }
      return {
        total,
        claims,
        stories: live.map((s) => ({ id: s.id, title: s.title })),
        tags: [...tags].sort((a, b) => a.localeCompare(b))
      }
    },
    reveal: ({ path }) => {
      if (lastExport === null || path !== lastExport)
        throw new AppError('forbidden', 'Only the report Factdesk just saved can be shown in its folder.')
      platform.revealFile(path)
      return null
    }
  } satisfies GroupHandlers<'export'>
  const packages = {
    import: async ({ file }) => {
      const by = currentEditor(ctx)
      const picked = file ? fromBase64(file) : await platform.chooseImportFile('package')
      if (!picked) return null
      const pkg = parsePackage(Buffer.from(picked.bytes).toString('utf8'))
      const existing = new Map<string, StoryFile>()
      for (const story of pkg.stories) {
        const known = ctx.store.library.stories.find((s) => s.id === story.story.id)
        if (!known) continue
        // A story the desk had put in the trash comes back to be merged, rather than duplicated.
        if (known.deletedAt !== null) await ctx.store.restoreStory(known.id)
        existing.set(story.story.id, await ctx.store.readStory(story.story.id))
      }
      const { library } = ctx.store
      const merge = mergePackage(pkg, { stories: existing, sources: library.sources, people: library.people })
      await ctx.store.updateLibrary((draft) => {
        draft.sources.push(...merge.sourcesToAdd)
        draft.people.push(...merge.peopleToAdd)
      })
      for (const story of merge.storiesToWrite) {
        if (existing.has(story.story.id)) {
          await ctx.store.updateStory(story.story.id, (draft) => {
            Object.assign(draft, story)
            logActivity(ctx, draft, by, { action: 'package.imported', summary: 'Merged from a verification package' })
          })
        } else {
          logActivity(ctx, story, by, { action: 'package.imported', summary: 'Added from a verification package' })
          await ctx.store.createStory(story)
        }
      }
      return merge.counts
    }
  } satisfies GroupHandlers<'package'>
  return { import: importing, reimport, export: exporting, package: packages }
}
