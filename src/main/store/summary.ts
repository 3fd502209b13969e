// Derives a story's line in the library index from its file.
import { workflowStages, type FollowUp, type StoryFile, type StorySummary } from '../../shared/model'
import { needsRecheck } from '../../shared/rules/claims'
import { followUpOf } from '../../shared/rules/contacts'
import { stageOf } from '../../shared/rules/scales'

export function summarise(file: StoryFile, deletedAt: string | null = null): StorySummary {
  const statusCounts = Object.fromEntries(workflowStages.map((s) => [s, 0])) as StorySummary['statusCounts']
  const assignees = new Set<string>()
  let orphanedCount = 0
  let recheckCount = 0
  const followUps: FollowUp[] = []
  for (const claim of file.claims) {
    statusCounts[stageOf(claim.status)]++
    if (claim.assignee) assignees.add(claim.assignee)
    if (claim.orphaned) orphanedCount++
    if (needsRecheck(claim)) recheckCount++
    const followUp = followUpOf(claim)
    if (followUp) followUps.push(followUp)
  }
  const last = file.activity.at(-1)
  return {
    id: file.story.id,
    title: file.story.title,
    outlet: file.story.outlet,
    deskState: file.story.deskState,
    claimCount: file.claims.length,
    orphanedCount,
    recheckCount,
    followUps: followUps.sort((a, b) => a.due.localeCompare(b.due) || a.claimNumber - b.claimNumber),
    statusCounts,
    assignees: [...assignees].sort(),
    createdAt: file.story.createdAt,
    updatedAt: file.story.updatedAt,
    updatedBy: last?.by ?? null,
    deletedAt
  }
}
