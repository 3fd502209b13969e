// The check every document passes before it reaches the durable adapter: the schema its loader
// uses. A change that would leave a file the next start cannot read is refused, and nothing is written.
import type { z } from 'zod'
import { AppError } from '../../shared/result'

export function assertLoadable<T>(schema: z.ZodType<T>, data: unknown, label: string): void {
  const result = schema.safeParse(data)
  if (result.success) return
  const issues = result.error.issues
    .slice(0, 20)
    .map((issue) => ({ path: issue.path.map(String).join('.') || '(record)', message: issue.message.slice(0, 300) }))
  const first = issues[0]
  throw new AppError(
    'invalid_input',
    `That change was not saved: it would leave ${label} unreadable (${first?.path}: ${first?.message}). Nothing was written.`,
    issues
  )
}
