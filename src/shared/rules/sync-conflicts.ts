// Sync conflicts with the desk, as both main (merge, `desk.resolve`) and the window read them.

/** The field that stands for the whole unit in an edit-versus-delete conflict. */
export const DELETED_FIELD = '(deleted)'

export type Side = 'local' | 'remote'

/**
 * An edit against a delete is settled by choosing a side: the side that edited it keeps the unit,
 * the side that deleted it deletes it (`local`/`remote` are 'edited' or 'deleted').
 */
export function keepOrDelete(f: { local: unknown; remote: unknown }): { keep: Side; remove: Side } {
  return f.local === 'deleted' ? { keep: 'remote', remove: 'local' } : { keep: 'local', remove: 'remote' }
}
