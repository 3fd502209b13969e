// Report file names that are safe on Windows, macOS and Linux and say what is inside.
import type { ReportFormat } from '../../shared/contract/transfer'
import type { ReportModel } from './model'

export const extensions: Record<ReportFormat, string> = {
  html: 'html',
  pdf: 'pdf',
  markdown: 'md',
  csv: 'csv',
  json: 'json',
  claimreview: 'jsonld',
  annotations: 'jsonld'
}

const MAX_SLUG = 60

/**
 * Letters and digits of any script survive (an Arabic headline gives an Arabic name); everything
 * else, including Windows' reserved `<>:"/\|?*`, control and bidi-override characters, becomes `-`.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  return [...slug].slice(0, MAX_SLUG).join('').replace(/-+$/, '')
}

export function suggestFileName(model: ReportModel, format: ReportFormat): string {
  const kind = format === 'json' ? 'package' : format === 'claimreview' || format === 'annotations' ? format : 'report'
  const only = model.stories.length === 1 ? model.stories[0] : undefined
  const subject = only ? slugify(only.title) || 'story' : `${model.stories.length}-stories`
  const date = /^\d{4}-\d{2}-\d{2}/.test(model.generatedAt) ? model.generatedAt.slice(0, 10) : 'undated'
  return `factdesk-${kind}-${subject}-${date}.${extensions[format]}`
}
