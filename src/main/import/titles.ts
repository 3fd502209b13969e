// Titles for documents that carry none of their own: the first short line, else the file's name.

/** The first paragraph when it is short enough to be a headline. */
export function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? ''
  return line.length <= 200 ? line : ''
}

/** "aid-claims_draft 3.txt" -> "aid claims draft 3". */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  return base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
}
