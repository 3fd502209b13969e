// Import and export: wired to src/main/import and src/main/reports.
import type { HandlersFor } from '../dispatch'
import type { Platform } from '../platform'
import { AppError } from '../../shared/result'
import type { ServiceContext } from './context'

export interface TransferDeps {
  platform: Platform
  fetch: typeof fetch
}

const notReady = (): never => {
  throw new AppError('unsupported', 'This is not available yet.')
}

export function transferHandlers(_ctx: ServiceContext, _deps: TransferDeps) {
  return {
    'import.text': notReady,
    'import.file': notReady,
    'import.url': notReady,
    'import.chooseFile': notReady,
    'stories.reimport': notReady,
    'export.report': notReady,
    'export.reveal': notReady,
    'package.import': notReady
  } satisfies HandlersFor<'import.text' | 'import.file' | 'import.url' | 'import.chooseFile' | 'stories.reimport' | 'export.report' | 'export.reveal' | 'package.import'>
}
