// The library as a whole: its state for the library screen, settings, and the desk's editors.
import type { GroupHandlers } from '../registry'
import type { LibraryFile, Person } from '../../shared/model'
import { AppError } from '../../shared/result'
import { applyStatusEdit, applyVerdictEdit } from '../../shared/rules/scales'
import type { ServiceContext } from './context'

export function libraryHandlers(ctx: ServiceContext) {
  const libraryState = {
    get: () => {
      const { people, settings } = ctx.store.library
      return {
        path: ctx.store.dir,
        readOnly: ctx.store.readOnly,
        people,
        settings,
        currentEditorId: ctx.editorId,
        notices: ctx.store.notices
      }
    }
  } satisfies GroupHandlers<'libraryState'>
  const settings = {
    update: ({ patch }) => {
      const { verdicts, statuses, ...rest } = patch
      return ctx.store.updateLibrary((draft) => {
        const now = ctx.now().toISOString()
        const stored = draft.settings
        draft.settings = {
          ...stored,
          ...rest,
          verdicts: verdicts ? applyVerdictEdit(stored.verdicts, verdicts, now) : stored.verdicts,
          statuses: statuses ? applyStatusEdit(stored.statuses, statuses, now) : stored.statuses
        }
        return draft.settings
      })
    }
  } satisfies GroupHandlers<'settings'>
  const people = {
    // Adding a colleague (to assign work to) never changes who is editing on this machine.
    create: ({ name }) =>
      ctx.store.updateLibrary((draft) => {
        // The contract has trimmed the name already (a name of spaces never gets here).
        assertNameFree(draft, name, null)
        const person: Person = {
          id: ctx.newId(),
          name,
          initials: initialsOf(name),
          createdAt: ctx.now().toISOString(),
          active: true,
          formerNames: []
        }
        draft.people.push(person)
        return person
      }),
    rename: ({ id, name }) =>
      ctx.store.updateLibrary((draft) => {
        const person = findPerson(draft, id)
        if (name === person.name) return person
        assertNameFree(draft, name, id)
        person.formerNames.push({ name: person.name, until: ctx.now().toISOString() })
        person.name = name
        person.initials = initialsOf(name)
        return person
      }),
    setActive: ({ id, active }) =>
      ctx.store.updateLibrary((draft) => {
        const person = findPerson(draft, id)
        person.active = active
        return person
      }),
    setCurrent: async ({ id }) => {
      const person = findPerson(ctx.store.library, id)
      if (!person.active)
        throw new AppError('conflict', `${person.name} has been deactivated on this desk; reactivate them first.`)
      await ctx.chooseEditor(id)
      return { currentEditorId: id }
    }
  } satisfies GroupHandlers<'people'>
  return { libraryState, settings, people }
}

function findPerson<L extends Pick<LibraryFile, 'people'>>(library: L, id: string): L['people'][number] {
  const person = library.people.find((p) => p.id === id)
  if (!person) throw new AppError('not_found', 'There is no editor with that id.')
  return person
}

function assertNameFree(library: Pick<LibraryFile, 'people'>, name: string, except: string | null): void {
  if (library.people.some((p) => p.id !== except && p.name.toLowerCase() === name.toLowerCase())) {
    throw new AppError('conflict', `${name} is already on the desk.`)
  }
}

const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 3)
