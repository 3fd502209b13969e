// The claim panel's "Checked before" section: earlier checks in the library that may say the same
// thing, strongest first (up to five, never hidden by a threshold), each with how sure the match is, verdict,
// date, story and evidence; "no close match" when all are weak. "Use as starting point" copies the
// earlier evidence and rationale onto this claim (logged in its history); the verdict stays unset. An
// imported check (from an archive) is a reference: its rating, origin and link, nothing to copy.
import { CopyIcon, ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Badge, Button, Card, Flex, Heading, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import type { EarlierCheck } from '../../../shared/contract'
import type { Claim } from '../../../shared/model'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { useStore } from '../app/use-store'
import { stanceColor, stanceLabels, VerdictBadge } from '../app/labels'
import { useToasts } from '../app/toasts'
import { ImportedOrigin } from './ImportedOrigin'
import { bandColor, bandLabel, noCloseMatch } from './labels'

export function CheckedBefore({ storyId, claim }: { storyId: string; claim: Claim }): React.JSX.Element | null {
  const lib = useLibraryContext()
  const store = useStore()
  const toasts = useToasts()
  const [matches, setMatches] = useState<EarlierCheck[] | null>(null)
  const { run } = lib
  const quote = claim.anchor.quote.exact

  useEffect(() => {
    let live = true
    let latest = 0
    // At once (ranked without the sentence encoder while the claim's words are not embedded), then again
    // waiting for their embedding: the refined ranking takes the first one's place.
    const load = (): void => {
      const asked = ++latest
      const current = () => live && asked === latest
      void run(() => call('memory.matches', { storyId, claimId: claim.id })).then((m) => {
        if (!m || !current()) return
        setMatches(m)
        void run(() => call('memory.matches', { storyId, claimId: claim.id, wait: true })).then(
          (refined) => refined && current() && setMatches(refined)
        )
      })
    }
    load()
    // Earlier checks change when some other claim changes, in this story or another; this claim's own
    // edits (its status, its verdict) do not move its matches, so they cost no second call (its words
    // are a dependency). A library write (sources) can change how they read.
    const stop = store.onChange((change) => {
      if (change.entity === 'library' || change.activity.some((a) => a.claimId !== claim.id)) load()
    })
    return () => {
      live = false
      stop()
    }
  }, [run, store, storyId, claim.id, quote])

  if (!matches || matches.length === 0) return null
  const reuse = async (m: EarlierCheck): Promise<void> => {
    const done = await run(() =>
      call('memory.reuse', { storyId, claimId: claim.id, fromStoryId: m.storyId, fromClaimId: m.claimId })
    )
    if (done)
      toasts.show({
        message: `Copied the earlier evidence and rationale from “${m.storyTitle}”. Set the verdict yourself.`
      })
  }
  return (
    <section className="panel-section" aria-label="Checked before">
      <Heading as="h3" size="2">
        Checked before <Text color="gray">({matches.length})</Text>
      </Heading>
      {noCloseMatch(matches) && (
        <Text size="1" color="gray" as="p">
          No close match. The nearest earlier checks:
        </Text>
      )}
      {matches.map((m) => (
        <Card key={`${m.storyId}/${m.claimId}`} size="1" data-earlier-check={m.claimId}>
          <Flex direction="column" gap="1">
            <Flex gap="2" align="center" wrap="wrap">
              <Badge color={bandColor[m.band]} variant="outline">
                {bandLabel[m.band]}
              </Badge>
              {m.verdict ? (
                <VerdictBadge verdict={m.verdict} at={m.checkedAt} />
              ) : (
                !m.imported && <Badge color="gray">No verdict</Badge>
              )}
              <Text size="1" color="gray">
                {new Date(m.checkedAt).toLocaleDateString(undefined, {
                  day: 'numeric',
                  month: 'short',
                  year: 'numeric'
                })}{' '}
                · {m.storyTitle}
              </Text>
            </Flex>
            <Text size="2" as="p">
              “{m.quote}”
            </Text>
            {m.imported && <ImportedOrigin imported={m.imported} />}
            {(m.figuresDiffer || m.negationDiffers) && (
              <Text size="1" color="orange" as="p">
                <ExclamationTriangleIcon />{' '}
                {m.figuresDiffer ? 'The figures differ.' : 'One says the opposite of the other.'}
              </Text>
            )}
            {m.rationale && (
              <Text size="1" color="gray" as="p" className="earlier-rationale">
                {m.rationale}
              </Text>
            )}
            {m.evidence.map((e, i) => (
              <Text key={i} size="1" as="p">
                <Badge size="1" color={stanceColor[e.stance]}>
                  {stanceLabels[e.stance]}
                </Badge>{' '}
                {e.sourceTitle}
                {e.excerpt && <Text color="gray">: {e.excerpt}</Text>}
              </Text>
            ))}
            {!m.imported && (m.evidence.length > 0 || m.rationale) && (
              <Flex>
                <Button size="1" variant="soft" onClick={() => void reuse(m)}>
                  <CopyIcon /> Use as starting point
                </Button>
              </Flex>
            )}
          </Flex>
        </Card>
      ))}
    </section>
  )
}
