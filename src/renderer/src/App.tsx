import { Badge, Box, Callout, Flex, Heading, Table, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import type { LibraryState } from '../../shared/contract'
import { call, onEvent } from './api'

export function App(): React.JSX.Element {
  const [library, setLibrary] = useState<LibraryState | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const load = (): void => {
      call('library.get', {})
        .then(setLibrary)
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
    }
    load()
    return onEvent('library.changed', load)
  }, [])

  return (
    <Box p="5">
      <Heading size="6" mb="4">
        Library
      </Heading>
      {error && (
        <Callout.Root color="red" role="alert">
          <Callout.Text>{error}</Callout.Text>
        </Callout.Root>
      )}
      {library && (
        <Table.Root aria-label="Stories">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Story</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Desk state</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Claims</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {library.stories.map((story) => (
              <Table.Row key={story.id} data-story-id={story.id}>
                <Table.RowHeaderCell>
                  <Flex direction="column">
                    <Text weight="medium">{story.title}</Text>
                    <Text size="1" color="gray">
                      {story.outlet}
                    </Text>
                  </Flex>
                </Table.RowHeaderCell>
                <Table.Cell>
                  <Badge>{story.deskState}</Badge>
                </Table.Cell>
                <Table.Cell>{story.claimCount}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Box>
  )
}
