// A claim's status as one card per status the desk uses (its scale, rules/scales.ts), chosen by click, by the digit keys (the desk keymap) or by arrows.
// Arrows move focus and the status together, at once, from the card that has focus: Radix moves
// focus on a timer after the key goes down and checks the card only if the key is still down by
// then, so quick presses (or a busy frame) left focus on one card and the status on another. Each
// choice is one save (a choice equal to the last one made is not sent again).
import { Flex, RadioCards, Text } from '@radix-ui/themes'
import { useEffect, useRef } from 'react'
import type { ClaimStatus } from '../../../shared/model'
import { statusChoices } from '../../../shared/rules/scales'
import { useLibraryContext } from '../app/library-context'
import { pickOne } from '../app/EnumSelect'
import { StatusIcon, Swatch } from '../app/labels'

const STEP: Record<string, (at: number, n: number) => number> = {
  ArrowRight: (at, n) => (at + 1) % n,
  ArrowDown: (at, n) => (at + 1) % n,
  ArrowLeft: (at, n) => (at - 1 + n) % n,
  ArrowUp: (at, n) => (at - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1
}

export function StatusCards({
  status,
  onChange
}: {
  status: ClaimStatus
  onChange(status: ClaimStatus): void
}): React.JSX.Element {
  const lib = useLibraryContext()
  const entries = statusChoices(lib.library.settings, status)
  const statuses = entries.map((e) => e.id)
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
    const next = pickOne(statuses, picked)
    if (next) choose(next)
  }
  const onKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>): void => {
    const step = STEP[event.key]
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    // Taken here, so Radix's roving focus leaves the key alone.
    event.preventDefault()
    const focused = pickOne(statuses, event.currentTarget.dataset.status ?? '')
    const next = statuses[step(focused ? statuses.indexOf(focused) : 0, statuses.length)]
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
      {entries.map(({ id: s, name, colour }, i) => (
        <RadioCards.Item
          key={s}
          value={s}
          data-status={s}
          title={i < 9 ? `${name} (key ${i + 1})` : name}
          onKeyDown={onKeyDown}
        >
          <Flex gap="2" align="center" width="100%">
            <StatusIcon status={s} />
            <Swatch colour={colour} />
            <Text size="2">{name}</Text>
            <Text size="1" color="gray" ml="auto" aria-hidden>
              {i < 9 ? i + 1 : ''}
            </Text>
          </Flex>
        </RadioCards.Item>
      ))}
    </RadioCards.Root>
  )
}
