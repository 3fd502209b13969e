// The desk's verdict scale and statuses, read in one place by every screen, service and report: which
// entries are offered, what a claim's verdict and status print, each status's workflow stage, the
// ClaimReview rating, and how an edit of a scale is taken in (never losing an entry or a former name).
//
// Old verdicts keep their labels: an entry is never removed (it is retired: kept, no longer offered), and a
// rename moves its old name into `formerNames` with the moment it ended. A claim's verdict prints the name
// its entry had when the verdict was given (the claim's checked words record that moment), so neither a
// rename nor a retirement changes what an existing claim, report or ClaimReview says. Kept on the scale
// rather than copied into every claim: no story file changes shape, and the desk sync has no second field
// to merge apart from the verdict.
import { nameAt, reservedVerdictIds, workflowStages } from '../model/values'
import type {
  Claim,
  ClaimStatus,
  Settings,
  StatusEdit,
  StatusEntry,
  StatusScale,
  VerdictEdit,
  VerdictEntry,
  VerdictScale,
  WorkflowStage
} from '../model'
import { AppError } from '../result'
import { colourProblem } from './contrast'

type VerdictSettings = Pick<Settings, 'verdicts'>
type StatusSettings = Pick<Settings, 'statuses'>

/** The workflow stage of a status: the part of its id before the colon (see ClaimStatus). */
export const stageOf = (status: ClaimStatus): WorkflowStage => {
  const stage = status.split(':')[0] as WorkflowStage
  return workflowStages.includes(stage) ? stage : 'open'
}

/** The claim is at the Done stage, whatever the desk calls its status. */
export const isDone = (claim: Pick<Claim, 'status'>): boolean => stageOf(claim.status) === 'done'

const UNKNOWN_COLOUR = '#80838d'

/** "legal_review" as words, for an id whose entry this library has not got (another desk's, not synced yet). */
const wordsOf = (id: string): string => {
  const words = id.replace(/^[a-z_]+:/, '').replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function verdictEntry(settings: VerdictSettings, id: string): VerdictEntry {
  return (
    settings.verdicts.find((e) => e.id === id) ?? {
      id,
      name: wordsOf(id),
      colour: UNKNOWN_COLOUR,
      retired: true,
      formerNames: [],
      rating: { ratingValue: null, bestRating: 5, worstRating: 1, alternateName: '' }
    }
  )
}

export function statusEntry(settings: StatusSettings, id: ClaimStatus): StatusEntry {
  return (
    settings.statuses.find((e) => e.id === id) ?? {
      id,
      name: wordsOf(id),
      colour: UNKNOWN_COLOUR,
      retired: true,
      formerNames: []
    }
  )
}

/** A verdict's name at a moment (its present name without one). */
export const verdictName = (settings: VerdictSettings, id: string, at?: string): string =>
  nameAt(verdictEntry(settings, id), at)

/** What a claim's verdict prints everywhere: the name it had when it was given; '' without a verdict. */
export const printedVerdict = (settings: VerdictSettings, claim: Pick<Claim, 'verdict' | 'checked'>): string =>
  claim.verdict === null ? '' : verdictName(settings, claim.verdict, claim.checked?.at)

/** A status prints its present name: it is the claim's state now, not a finding that was published. */
export const statusName = (settings: StatusSettings, id: ClaimStatus): string => statusEntry(settings, id).name

/** A stage is called what its built-in status is called (that entry is never removed). */
export const stageName = (settings: StatusSettings, stage: WorkflowStage): string => statusName(settings, stage)

/** The verdicts an editor may give now, in the desk's order, plus the claim's own if it was retired since. */
export function verdictChoices(settings: VerdictSettings, current: string | null = null): VerdictEntry[] {
  const offered = settings.verdicts.filter((e) => !e.retired || e.id === current)
  return current !== null && !offered.some((e) => e.id === current)
    ? [...offered, verdictEntry(settings, current)]
    : offered
}

/** The statuses an editor may set now, in the desk's order, plus the claim's own if it was retired since. */
export function statusChoices(settings: StatusSettings, current: ClaimStatus | null = null): StatusEntry[] {
  const offered = settings.statuses.filter((e) => !e.retired || e.id === current)
  return current !== null && !offered.some((e) => e.id === current)
    ? [...offered, statusEntry(settings, current)]
    : offered
}

/** Every verdict a list may need to name: the scale, then ids found in claims that it does not hold. */
export function verdictsIncluding(settings: VerdictSettings, ids: Iterable<string>): VerdictEntry[] {
  const extra = [...new Set(ids)].filter((id) => !settings.verdicts.some((e) => e.id === id))
  return [...settings.verdicts, ...extra.map((id) => verdictEntry(settings, id))]
}

export function statusesIncluding(settings: StatusSettings, ids: Iterable<ClaimStatus>): StatusEntry[] {
  const extra = [...new Set(ids)].filter((id) => !settings.statuses.some((e) => e.id === id))
  return [...settings.statuses, ...extra.map((id) => statusEntry(settings, id))]
}

/** schema.org's reviewRating for a verdict, named as printed unless the desk set an alternate name. */
export function reviewRating(
  settings: VerdictSettings,
  verdict: string,
  printed: string
): { ratingValue?: number; bestRating: number; worstRating: number; alternateName: string } {
  const { ratingValue, bestRating, worstRating, alternateName } = verdictEntry(settings, verdict).rating
  return {
    ...(ratingValue !== null && { ratingValue }),
    bestRating,
    worstRating,
    alternateName: alternateName.trim() || printed
  }
}

const refuse = (message: string): never => {
  throw new AppError('invalid_input', message)
}

/** An id from a first name, free on the scale: "Missing context" → missing_context (then _2, _3...). */
function newId(name: string, taken: ReadonlySet<string>, prefix = ''): string {
  let base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32)
  if (!/^[a-z]/.test(base)) base = `v_${base}`.replace(/_+$/, '')
  if ((reservedVerdictIds as readonly string[]).includes(base)) base = `${base}_verdict`
  let id = `${prefix}${base}`
  for (let n = 2; taken.has(id); n++) id = `${prefix}${base}_${n}`
  return id
}

interface Edited {
  id?: string | undefined
  name: string
  colour: string
  retired: boolean
}

/** The rules both scales share: nothing lost, no unknown id, names apart, colours that read. */
function checkEdit(
  kind: 'verdict' | 'status',
  stored: readonly { id: string; name: string; colour: string }[],
  edit: readonly Edited[]
): void {
  const ids = edit.flatMap((e) => (e.id === undefined ? [] : [e.id]))
  if (new Set(ids).size !== ids.length) refuse(`A ${kind} is listed twice.`)
  for (const id of ids)
    if (!stored.some((s) => s.id === id))
      refuse(`There is no ${kind} “${id}” on this desk’s scale: a new one has no id yet.`)
  const lost = stored.find((s) => !ids.includes(s.id))
  if (lost)
    refuse(`“${lost.name}” cannot be removed: claims may carry it. Retire it instead, and it is no longer offered.`)
  const names = new Map<string, string>()
  for (const e of edit) {
    if (e.retired) continue
    const key = e.name.trim().toLowerCase()
    if (names.has(key))
      refuse(
        `Two ${kind === 'verdict' ? 'verdicts' : 'statuses'} in use are called “${e.name}”: give each a name of its own.`
      )
    names.set(key, e.name)
  }
  for (const e of edit) {
    const before = stored.find((s) => s.id === e.id)
    if (before?.colour === e.colour) continue
    const problem = colourProblem(e.colour)
    if (problem) refuse(`The colour of “${e.name}”: ${problem}`)
  }
}

/** A renamed entry keeps the name it had until now, so what it was given under still prints. */
const formerNamesAfter = (
  before: { name: string; formerNames: { name: string; until: string }[] } | undefined,
  name: string,
  now: string
): { name: string; until: string }[] =>
  !before
    ? []
    : before.name === name
      ? before.formerNames
      : [...before.formerNames, { name: before.name, until: now }].slice(-100)

/** The verdict scale after an edit from the settings screen (order, names, colours, ratings, retired). */
export function applyVerdictEdit(stored: VerdictScale, edit: readonly VerdictEdit[], now: string): VerdictScale {
  checkEdit('verdict', stored, edit)
  if (edit.every((e) => e.retired)) refuse('Keep at least one verdict in use.')
  const taken = new Set(stored.map((e) => e.id))
  return edit.map((e): VerdictEntry => {
    const before = stored.find((s) => s.id === e.id)
    const id = before?.id ?? newId(e.name, taken)
    taken.add(id)
    return {
      id,
      name: e.name,
      colour: e.colour,
      retired: e.retired,
      formerNames: formerNamesAfter(before, e.name, now),
      rating: e.rating
    }
  })
}

/** The statuses after an edit: as verdicts, and each keeps its stage, with one status in use at every stage. */
export function applyStatusEdit(stored: StatusScale, edit: readonly StatusEdit[], now: string): StatusScale {
  checkEdit('status', stored, edit)
  for (const e of edit)
    if (e.id !== undefined && stageOf(e.id) !== e.stage)
      refuse(
        `“${e.name}” keeps its stage: claims at it would change stage. Add a new status at the other stage instead.`
      )
  for (const stage of workflowStages)
    if (!edit.some((e) => e.stage === stage && !e.retired))
      refuse(`Keep at least one status in use at the “${stageName({ statuses: stored }, stage)}” stage.`)
  const taken = new Set<string>(stored.map((e) => e.id))
  return edit.map((e): StatusEntry => {
    const before = stored.find((s) => s.id === e.id)
    const id = before?.id ?? newId(e.name, taken, `${e.stage}:`)
    taken.add(id)
    return {
      id,
      name: e.name,
      colour: e.colour,
      retired: e.retired,
      formerNames: formerNamesAfter(before, e.name, now)
    }
  })
}

/** A scale entry as the settings screen edits it. */
export const verdictAsEdit = ({ id, name, colour, retired, rating }: VerdictEntry): VerdictEdit => ({
  id,
  name,
  colour,
  retired,
  rating
})
export const statusAsEdit = ({ id, name, colour, retired }: StatusEntry): StatusEdit => ({
  id,
  stage: stageOf(id),
  name,
  colour,
  retired
})
