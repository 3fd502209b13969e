// The JSON text of a story's records (its header, claims, evidence), made once per record object and
// kept while the object lives. A save never changes a record in place (changes are made on copies, see
// LibraryStore.updateStory), so a record that is the same object as before has the same text: story.json,
// the journal and the head (story-head.ts) all write a record from this one text instead of
// serialising it again for each file.

const jsonOf = new WeakMap<object, string>()

/** JSON.stringify of one record, the text kept for the next file that writes the same object. */
export function recordJson(record: object): string {
  let json = jsonOf.get(record)
  if (json === undefined) {
    json = JSON.stringify(record)
    jsonOf.set(record, json)
  }
  return json
}

/** JSON.stringify of a list of records, each from its kept text. */
export function listJson(records: readonly object[]): string {
  return `[${records.map(recordJson).join(',')}]`
}
