// One way to build a story file in memory for tests and benchmarks: a story at revision 1 of its
// text (unless told otherwise), with the claims, evidence and activity given, stamped at one time.
import {
  STORY_SCHEMA_VERSION,
  type Activity,
  type Claim,
  type Evidence,
  type Story,
  type StoryFile
} from '../../shared/model'

export const FIXTURE_AT = '2026-11-25T10:00:00.000Z'

export interface StoryFileSpec {
  /** Story fields to set; the rest are the defaults of a pasted story. */
  story?: Partial<Story>
  /** The texts of every revision, oldest first; the last is the story's text. Defaults to the story's text. */
  revisions?: string[]
  claims?: Claim[]
  evidence?: Evidence[]
  activity?: Activity[]
  /** Who wrote the revisions. */
  by?: string
}

export function storyFileOf(id: string, spec: StoryFileSpec = {}): StoryFile {
  const at = spec.story?.createdAt ?? FIXTURE_AT
  const by = spec.by ?? 'ed'
  const texts = spec.revisions ?? [spec.story?.text ?? 'Some text.']
  const text = spec.story?.text ?? texts[texts.length - 1] ?? ''
  const claims = spec.claims ?? []
  const story: Story = {
    id,
    title: `Story ${id}`,
    outlet: '',
    byline: '',
    url: '',
    publishedAt: '',
    language: 'en',
    revision: texts.length,
    deskState: 'draft',
    signOff: null,
    corrections: [],
    nextClaimNumber: claims.reduce((next, c) => Math.max(next, c.number + 1), 1),
    origin: { kind: 'paste', location: '' },
    createdAt: at,
    updatedAt: at,
    ...spec.story,
    text
  }
  return {
    schemaVersion: STORY_SCHEMA_VERSION,
    story,
    revisions: texts.map((t, i) => ({ revision: i + 1, text: t, createdAt: at, createdBy: by, note: '' })),
    claims,
    evidence: spec.evidence ?? [],
    activity: spec.activity ?? []
  }
}
