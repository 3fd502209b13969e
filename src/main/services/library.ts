// The library as a whole: its state for the library screen, settings, and the desk's editors.
import type { HandlersFor } from '../dispatch'
import { AppError } from '../../shared/result'
import type { ServiceContext } from './context'

export function libraryHandlers(ctx: ServiceContext) {
  return {
    'library.get': () => {
      const { people, settings } = ctx.store.library
      return {
        path: ctx.store.dir,
        readOnly: ctx.store.readOnly,
        people,
        settings,
        notices: ctx.store.notices
      }
    },
    'settings.update': ({ patch }) =>
      ctx.store.updateLibrary((draft) => {
        draft.settings = { ...draft.settings, ...patch }
        if (patch.currentEditorId && !draft.people.some((p) => p.id === patch.currentEditorId)) {
          throw new AppError('not_found', 'There is no editor with that id.')
        }
        return draft.settings
      }),
    'people.create': ({ name }) =>
      ctx.store.updateLibrary((draft) => {
        // The contract has trimmed the name already (a name of spaces never gets here).
        if (draft.people.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
          throw new AppError('conflict', `${name} is already on the desk.`)
        }
        const person = { id: ctx.newId(), name, initials: initialsOf(name), createdAt: ctx.now().toISOString() }
        draft.people.push(person)
        return person
      }),
    'people.setCurrent': ({ id }) =>
      ctx.store.updateLibrary((draft) => {
        if (!draft.people.some((p) => p.id === id)) throw new AppError('not_found', 'There is no editor with that id.')
        draft.settings.currentEditorId = id
        return draft.settings
      })
  } satisfies HandlersFor<'library.get' | 'settings.update' | 'people.create' | 'people.setCurrent'>
}

const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 3)
