// Small helpers for writing values into activity summaries.

/** The first words of a text, for a one-line summary. */
export const summaryFor = (text: string, max = 80): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

/** Compares URLs the way an editor would: scheme, `www.`, trailing slash and fragment do not matter. */
export const normaliseUrl = (value: string): string => {
  try {
    const url = new URL(value)
    const host = url.hostname.replace(/^www\./, '')
    const pathname = url.pathname.replace(/\/+$/, '')
    return `${host}${pathname}${url.search}`.toLowerCase()
  } catch {
    return value.trim().toLowerCase()
  }
}
