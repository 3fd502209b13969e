// The archive worker: reads an archive of earlier checks (CSV, ClaimReview JSON-LD, a verification package,
// another library's folder) off the main process and prepares each check for the memory's index, telling
// main how far it has got. Built as out/main/archive-worker.js; one worker per import, terminated to cancel it.
import { parentPort } from 'node:worker_threads'
import { AppError, type AppErrorShape } from '../../../shared/result'
import { prepareClaim, type PreparedClaim } from '../matcher'
import { archiveContext, archiveFormat, parseArchive, readLibraryFolder, type ParsedArchive } from './parse'
import { jobName, type ArchiveJob, type ArchiveReply } from './worker-protocol'

const post = (reply: ArchiveReply): void => parentPort?.postMessage(reply)

parentPort?.on('message', (job: ArchiveJob) => {
  read(job).then(
    ({ parsed, prepared }) => post({ kind: 'done', ok: true, parsed, prepared }),
    (error: unknown) => post({ kind: 'done', ok: false, error: shapeOf(error, jobName(job)) })
  )
})

async function read(job: ArchiveJob): Promise<{ parsed: ParsedArchive; prepared: PreparedClaim[] }> {
  const reading = (done: number, total: number): void => post({ kind: 'progress', stage: 'reading', done, total })
  let parsed: ParsedArchive
  if ('folder' in job) parsed = await readLibraryFolder(job.folder, reading)
  else {
    // What kind of file it is first (a picture is unsupported, not badly encoded), then its text.
    archiveFormat(job.fileName, new TextDecoder('utf-8').decode(job.bytes.subarray(0, 4096)))
    const text = new TextDecoder('utf-8', { fatal: true }).decode(job.bytes)
    parsed = parseArchive({ fileName: job.fileName, text, columns: job.columns }, reading)
  }
  // The index's work on each check (normalising its words, its names, the candidate stage's terms) is done
  // here too, so main only adds what comes back.
  const total = parsed.checks.length
  const prepared = parsed.checks.map((c, i) => {
    // The first half of indexing; main adding the checks to its index is the second.
    if ((i + 1) % 1000 === 0 || i + 1 === total)
      post({ kind: 'progress', stage: 'indexing', done: i + 1, total: 2 * total })
    return prepareClaim(c.claim, archiveContext(c))
  })
  return { parsed, prepared }
}

function shapeOf(error: unknown, name: string): AppErrorShape {
  if (error instanceof AppError) return error.toShape()
  if (error instanceof TypeError && /decode|encoded/i.test(error.message))
    return { code: 'invalid_input', message: `${name} is not UTF-8 text: save it as UTF-8 and import it again.` }
  return {
    code: 'invalid_input',
    message: `${name} could not be read (${error instanceof Error ? error.message : String(error)}).`
  }
}
