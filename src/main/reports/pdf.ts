// Cancelling an export: the PDF writer's worker and every other step of the job stop on the job's
// signal and fail with `cancelled` (services/export-report.ts, reports/pdf-writer.ts).
import { AppError } from '../../shared/result'

export const cancelledExport = (): AppError => new AppError('cancelled', 'The export was cancelled: nothing was saved.')

/** Throws `cancelled` when the export's signal has aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledExport()
}
