// Imports a web page: fetched here (network waits cost the main process nothing), converted by
// `convert`, which the app runs in the import worker and tests run in-process.
import { fetchPage, type FetchedPage, type FetchOptions } from './fetch-page'
import type { ImportedStory } from './story'

export async function importUrl(
  url: string,
  options: FetchOptions,
  convert: (page: FetchedPage) => Promise<ImportedStory> | ImportedStory
): Promise<ImportedStory> {
  const page = await fetchPage(url.trim(), options)
  return convert(page)
}
