// Child process for the lock race test: on "go" it tries to take the library lock and answers
// "won" or "lost"; on "release" it lets go. The parent checks that never both win.
import { createInterface } from 'node:readline'
import { nodeFileIO } from './file-io'
import { acquireLibraryLock, type LibraryLock } from './library-lock'

const dir = process.argv[2] as string
let held: LibraryLock | null = null

createInterface({ input: process.stdin }).on('line', (line) => {
  void (async () => {
    if (line === 'go') {
      try {
        held = await acquireLibraryLock(dir, nodeFileIO)
        process.stdout.write('won\n')
      } catch (error) {
        process.stdout.write(`lost ${error instanceof Error ? error.message.slice(0, 60) : ''}\n`)
      }
    } else if (line === 'release') {
      await held?.release()
      held = null
      process.stdout.write('released\n')
    } else if (line === 'exit') {
      process.exit(0)
    }
  })()
})
process.stdout.write('ready\n')
