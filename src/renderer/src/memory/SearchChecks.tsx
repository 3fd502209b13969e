// "Search checks": look through every claim the library has a verdict on, by meaning rather than by
// exact words (figures and names normalised as for "Checked before"); the search runs in main. The
// answer comes at once and is refined when the query's words are embedded (as "Checked before").
import { MagnifyingGlassIcon } from '@radix-ui/react-icons'
import { Badge, Button, Flex, IconButton, Popover, Text, TextField, Tooltip } from '@radix-ui/themes'
import { useRef, useState } from 'react'
import type { EarlierCheck } from '../../../shared/contract'
import { call } from '../api'
import { useLibraryContext } from '../app/library-context'
import { focusMarkedField } from '../app/focus-return'
import { VerdictBadge } from '../app/labels'
import { ImportedOrigin } from './ImportedOrigin'
import { bandColor, bandLabel, noCloseMatch } from './labels'

export function SearchChecks(): React.JSX.Element {
  const lib = useLibraryContext()
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<EarlierCheck[] | null>(null)
  /** The latest search asked for: an older search's answers are dropped. */
  const latest = useRef(0)
  const search = async (): Promise<void> => {
    if (!query.trim()) return
    const asked = ++latest.current
    // At once (ranked without the sentence encoder if the words are new to it), then refined once embedded.
    const found = await lib.run(() => call('memory.search', { query }))
    if (!found || asked !== latest.current) return
    setResults(found)
    const refined = await lib.run(() => call('memory.search', { query, wait: true }))
    if (refined && asked === latest.current) setResults(refined)
  }
  return (
    <Popover.Root>
      <Tooltip content="Search earlier checks">
        <Popover.Trigger>
          <IconButton size="1" variant="soft" color="gray" aria-label="Search earlier checks">
            <MagnifyingGlassIcon />
          </IconButton>
        </Popover.Trigger>
      </Tooltip>
      <Popover.Content width="420px" aria-label="Search earlier checks" onOpenAutoFocus={focusMarkedField}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void search()
          }}
        >
          <Flex gap="2">
            <TextField.Root
              className="grow"
              size="2"
              placeholder="A claim, in any wording"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-label="Claim to look for"
              data-autofocus
            />
            <Button type="submit" size="2">
              Search
            </Button>
          </Flex>
        </form>
        {results && (
          <Flex direction="column" gap="2" mt="3" role="list" aria-label="Earlier checks found">
            {results.length === 0 && (
              <Text size="2" color="gray">
                Nothing the desk has checked says that.
              </Text>
            )}
            {noCloseMatch(results) && (
              <Text size="2" color="gray">
                No close match. The nearest earlier checks:
              </Text>
            )}
            {results.map((m) => (
              <Flex key={`${m.storyId}/${m.claimId}`} direction="column" gap="1" role="listitem">
                <Flex gap="2" align="center">
                  <Badge color={bandColor[m.band]} variant="outline">
                    {bandLabel[m.band]}
                  </Badge>
                  {m.verdict ? (
                    <VerdictBadge verdict={m.verdict} at={m.checkedAt} />
                  ) : (
                    !m.imported && <Badge color="gray">No verdict</Badge>
                  )}
                  <Text size="1" color="gray">
                    {m.storyTitle}
                  </Text>
                </Flex>
                <Text size="2">“{m.quote}”</Text>
                {m.imported && <ImportedOrigin imported={m.imported} />}
                {(m.figuresDiffer || m.negationDiffers) && (
                  <Text size="1" color="orange">
                    {m.figuresDiffer ? 'Its figures differ from your words.' : 'It says the opposite of your words.'}
                  </Text>
                )}
              </Flex>
            ))}
          </Flex>
        )}
      </Popover.Content>
    </Popover.Root>
  )
}
