// A Factdesk core in its own process that connects to a desk and keeps editing claims, printing
// each saved edit; the crash test kills it with SIGKILL in the middle of pushing.
// argv: <libraryDir> <connect input as JSON> <story id> <claim ids, comma-separated> <editor id>
import path from 'node:path'
import { createCore } from '../../core'
import { testPlatform, TEST_ORIGIN, appSender } from '../../testing/test-core'

async function main(): Promise<void> {
  const [libraryDir, connect, storyId, claimList, editorId] = process.argv.slice(2)
  const core = await createCore({
    libraryDir: libraryDir!,
    platform: testPlatform(),
    identity: { load: async () => editorId!, save: async () => undefined },
    sampleStoryPath: path.resolve(__dirname, '../../../../resources/sample-story.txt'),
    isTrustedOrigin: (url) => url.startsWith(`${TEST_ORIGIN}/`),
    deskRetryMs: 100
  })
  const connected = await core.dispatch('desk.connect', JSON.parse(connect!), appSender)
  if (!connected.ok) throw new Error(connected.error.message)
  const claims = claimList!.split(',')
  for (let i = 0; ; i++) {
    const result = await core.dispatch(
      'claims.update',
      { storyId, claimId: claims[i % claims.length], patch: { rationale: `edit ${i}` } },
      appSender
    )
    if (!result.ok) throw new Error(result.error.message)
    process.stdout.write(`saved ${i}\n`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
