// Which sources and people a set of story files refers to, so a package carries only what it needs.
import type { Person, Source, StoryFile } from '../../shared/model'

export function referencedSources(files: StoryFile[], sources: Source[]): Source[] {
  const ids = new Set(
    files.flatMap((f) => [
      ...f.evidence.map((e) => e.sourceId),
      ...f.claims.flatMap((c) => c.contacts.map((x) => x.sourceId ?? ''))
    ])
  )
  return sources.filter((s) => ids.has(s.id))
}

/** Everyone stamped anywhere in the files: claim authors, assignees, commenters, the activity log. */
export function referencedPeople(files: StoryFile[], people: Person[]): Person[] {
  const ids = new Set<string>()
  for (const file of files) {
    for (const r of file.revisions) ids.add(r.createdBy)
    for (const c of file.claims) {
      ids.add(c.createdBy)
      ids.add(c.updatedBy)
      if (c.assignee) ids.add(c.assignee)
      for (const comment of c.comments) ids.add(comment.by)
      for (const contact of c.contacts) ids.add(contact.by)
      if (c.checked) ids.add(c.checked.by)
    }
    for (const e of file.evidence) ids.add(e.createdBy)
    for (const a of file.activity) ids.add(a.by)
    if (file.story.signOff) ids.add(file.story.signOff.by)
  }
  return people.filter((p) => ids.has(p.id))
}
