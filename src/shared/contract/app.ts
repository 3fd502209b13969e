// The app itself rather than the library: what the window shows when something goes wrong.
import { z } from 'zod'
import { channels, read, NoInput, Nothing } from './channel'

export const AppInfo = z.strictObject({
  version: z.string(),
  /** Where main writes its log, or null where nothing is written (tests). */
  logFile: z.string().nullable(),
  libraryDir: z.string()
})
export type AppInfo = z.infer<typeof AppInfo>

export const appChannels = channels('app', {
  /** Answers at once: the window's startup check that main can be reached. */
  info: read(NoInput, AppInfo),
  /** A render error the window caught, written to main's log so a report can include it. */
  reportError: read(
    z.strictObject({
      message: z.string().max(2000),
      stack: z.string().max(8000).nullable(),
      where: z.string().max(200)
    }),
    Nothing
  )
})
