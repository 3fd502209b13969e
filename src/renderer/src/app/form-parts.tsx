// Pieces every dialog form shares: an action with its busy and error state, a labelled text
// field, and the footer with the error (if any), the dialog's own buttons and Close.
import { Button, Dialog, Flex, Text, TextField } from '@radix-ui/themes'
import { useCallback, useRef, useState } from 'react'
import { ErrorCallout } from './ErrorCallout'

export interface Action {
  busy: boolean
  error: unknown
  /** Runs `work`, showing busy meanwhile; a failure is kept in `error` and resolves to undefined. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>
}

export interface Guard {
  busy: boolean
  /** Runs `work` unless a run is already in flight (a double-click, a second Enter): then resolves to undefined. */
  once<T>(work: () => Promise<T>): Promise<T | undefined>
}

/** One submission at a time, for every submit button: the guard is a ref, so two clicks in one frame still run once. */
export function useGuard(): Guard {
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)
  const once = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined
    inFlight.current = true
    setBusy(true)
    try {
      return await work()
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }, [])
  return { busy, once }
}

export function useAction(): Action {
  const { busy, once } = useGuard()
  const [error, setError] = useState<unknown>(null)
  const run = useCallback(
    <T,>(work: () => Promise<T>): Promise<T | undefined> =>
      once(async () => {
        setError(null)
        try {
          return await work()
        } catch (e) {
          setError(e)
          return undefined
        }
      }),
    [once]
  )
  return { busy, error, run }
}

interface FieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  placeholder?: string
  type?: 'text' | 'date' | 'url' | 'password' | 'number'
  autoComplete?: string
}

export function LabelledField({
  id,
  label,
  value,
  onChange,
  placeholder = '',
  type = 'text',
  autoComplete
}: FieldProps): React.JSX.Element {
  return (
    <Flex direction="column" gap="1">
      <Text as="label" size="2" htmlFor={id}>
        {label}
      </Text>
      <TextField.Root
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        onChange={(e) => onChange(e.target.value)}
      />
    </Flex>
  )
}

export function DialogFooter({
  error,
  closeLabel = 'Close',
  children
}: {
  error: unknown
  closeLabel?: string
  children?: React.ReactNode
}): React.JSX.Element {
  return (
    <Flex direction="column" gap="3" mt="3">
      <ErrorCallout error={error} />
      <Flex justify="end" gap="3">
        <Dialog.Close>
          <Button type="button" variant="soft" color="gray">
            {closeLabel}
          </Button>
        </Dialog.Close>
        {children}
      </Flex>
    </Flex>
  )
}
