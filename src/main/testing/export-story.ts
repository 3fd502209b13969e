// One story's published report exported through dispatch, as an editor's Export… does, and read back:
// what the report tests check (the ClaimReview a fact-check feed reads, the JSON, the Markdown).
import { readFile } from 'node:fs/promises'
import type { ReportFormat } from '../../shared/contract'
import type { TestCore } from './test-core'

/** The file `format` makes of `storyId` alone, without excerpts' activity or orphans: the published report. */
export async function exportStory(t: TestCore, storyId: string, format: ReportFormat): Promise<string> {
  t.platform.saveDir = t.dir
  const result = await t.call('export.report', {
    scope: 'story',
    storyIds: [storyId],
    format,
    options: { includeExcerpts: true, includeActivity: false, includeOrphaned: false, internal: false }
  })
  return readFile(result.path, 'utf8')
}
