// An error from main shown in place, in words, with its code for the desk's support notes.
import { ExclamationTriangleIcon } from '@radix-ui/react-icons'
import { Callout, Code } from '@radix-ui/themes'
import { BridgeError } from '../api'

export function ErrorCallout({ error }: { error: unknown }): React.JSX.Element | null {
  if (!error) return null
  const message = error instanceof Error ? error.message : String(error)
  return (
    <Callout.Root color="red" role="alert" size="1">
      <Callout.Icon>
        <ExclamationTriangleIcon />
      </Callout.Icon>
      <Callout.Text>
        {message}{' '}
        {error instanceof BridgeError && (
          <Code variant="ghost" color="gray">
            ({error.code})
          </Code>
        )}
      </Callout.Text>
    </Callout.Root>
  )
}
