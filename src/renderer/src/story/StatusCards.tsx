// A claim's status as four cards, chosen by click, by the keys 1–4 (the desk keymap) or by arrows.
// Arrows move focus and the status together, at once, from the card that has focus: Radix moves
// focus on a timer after the key goes down and checks the card only if the key is still down by
// then, so quick presses (or a busy frame) left focus on one card and the status on another. Each
// choice is one save (a choice equal to the last one made is not sent again).
import { Flex, RadioCards, Text } from '@radix-ui/themes'
import { useEffect, useRef } from 'react'
import { claimStatuses, type ClaimStatus } from '../../../shared/model'
import { useDesk } from '../app/desk-context'
import { pickOne } from '../app/EnumSelect'
import { StatusIcon } from '../app/labels'

const STEP: Record<string, (at: number) => number> = {
  ArrowRight: (at) => (at + 1) % claimStatuses.length,
  ArrowDown: (at) => (at + 1) % claimStatuses.length,
  ArrowLeft: (at) => (at - 1 + claimStatuses.length) % claimStatuses.length,
  ArrowUp: (at) => (at - 1 + claimStatuses.length) % claimStatuses.length,
  Home: () => 0,
  End: () => claimStatuses.length - 1
}

export function StatusCards({
  status,
  onChange
}: {
  status: ClaimStatus
  onChange(status: ClaimStatus): void
}): React.JSX.Element {
  const desk = useDesk()
  /** The status last chosen here, or shown since (a save taken back, someone else's change). */
  const chosen = useRef(status)
  useEffect(() => {
    chosen.current = status
  }, [status])
  const choose = (next: ClaimStatus): void => {
    if (next === chosen.current) return
    chosen.current = next
    onChange(next)
  }
  const pick = (picked: string): void => {
    const next = pickOne(claimStatuses, picked)
    if (next) choose(next)
  }
  const onKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>): void => {
    const step = STEP[event.key]
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    // Taken here, so Radix's roving focus leaves the key alone.
    event.preventDefault()
    const focused = pickOne(claimStatuses, event.currentTarget.dataset.status ?? '')
    const next = claimStatuses[step(focused ? claimStatuses.indexOf(focused) : 0)]
    if (!next) return
    choose(next)
    event.currentTarget.parentElement?.querySelector<HTMLElement>(`[data-status="${next}"]`)?.focus()
  }
  return (
    <RadioCards.Root
      size="1"
      columns="2"
      gap="2"
      value={status}
      onValueChange={(picked) => pick(picked)}
      aria-labelledby="status-label"
      className="status-control"
    >
      {claimStatuses.map((s, i) => (
        <RadioCards.Item
          key={s}
          value={s}
          data-status={s}
          title={`${desk.statusLabel(s)} (key ${i + 1})`}
          onKeyDown={onKeyDown}
        >
          <Flex gap="2" align="center" width="100%">
            <StatusIcon status={s} />
            <Text size="2">{desk.statusLabel(s)}</Text>
            <Text size="1" color="gray" ml="auto" aria-hidden>
              {i + 1}
            </Text>
          </Flex>
        </RadioCards.Item>
      ))}
    </RadioCards.Root>
  )
}
