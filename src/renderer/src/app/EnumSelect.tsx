// The one select component: a Select over a set of string values (a status, a verdict, a filter, a
// person, a source, a revision). The value handed back is one of the offered values, typed as such,
// so no caller casts the Select's plain string. Every picker in the app is this component.
// Its options are built only while the list is open: closed, the trigger shows the chosen value's label
// itself (a story view holds a dozen pickers, and Radix otherwise renders every closed list's items).
// Radix's typeahead on a closed trigger reads those items, so the trigger keeps it itself: typing a
// label's first letters picks it, the same letter again steps to the next label that starts with it.
import { Select } from '@radix-ui/themes'
import { isValidElement, useRef, useState, type ComponentProps, type KeyboardEvent, type ReactNode } from 'react'

type TriggerProps = Pick<ComponentProps<typeof Select.Trigger>, 'color' | 'variant'>

/**
 * The offered value a Radix control handed back as a plain string (Select, RadioGroup, Tabs,
 * SegmentedControl, DropdownMenu.RadioGroup), typed as such; undefined for anything else.
 */
export function pickOne<T extends string>(options: readonly T[], picked: string): T | undefined {
  return options.find((o) => o === picked)
}

/** An onValueChange for a Radix control over `options` that calls `onChange` only with one of them. */
export const onOneOf =
  <T extends string>(options: readonly T[], onChange: (value: T) => void) =>
  (picked: string): void => {
    const chosen = pickOne(options, picked)
    if (chosen !== undefined) onChange(chosen)
  }

/** The words a label shows, as a screen reader would read them (a swatch beside them has none). */
export function labelText(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node)
  if (Array.isArray(node)) return node.map(labelText).join('')
  if (isValidElement<{ children?: ReactNode }>(node)) return labelText(node.props.children)
  return ''
}

/** How long typed letters stay one search, as in the WAI-ARIA listbox pattern and Radix's own. */
const TYPEAHEAD_MS = 1000

/**
 * The option a closed select moves to when `search` is typed: the first after `current` whose label
 * starts with it, wrapping; a search of one letter typed again steps on to the next such label.
 */
export function typeaheadMatch<T extends string>(
  options: readonly T[],
  text: (value: T) => string,
  current: T,
  search: string
): T | undefined {
  const first = search.charAt(0)
  const repeated = search.length > 1 && [...search].every((c) => c === first)
  const wanted = (repeated ? first : search).toLocaleLowerCase()
  const from = options.indexOf(current)
  const order = [...options.slice(from + 1), ...options.slice(0, from + 1)]
  // A longer search keeps the current option while it still matches; a single letter moves on.
  const candidates = wanted.length > 1 ? [current, ...order.filter((o) => o !== current)] : order
  return candidates.find((o) => options.includes(o) && text(o).toLocaleLowerCase().trimStart().startsWith(wanted))
}

export interface EnumSelectProps<T extends string> extends TriggerProps {
  /** The trigger's accessible name. */
  label: string
  /** For a visible <label htmlFor>. */
  id?: string
  value: T
  /** Every value offered, in list order. */
  options: readonly T[]
  /** How a value reads in the list and on the trigger. */
  optionLabel: (value: T) => ReactNode
  onChange: (value: T) => void
  size?: ComponentProps<typeof Select.Root>['size']
  /** Shown on the trigger while `value` is none of `options`. */
  placeholder?: string
}

export function EnumSelect<T extends string>({
  label,
  id,
  value,
  options,
  optionLabel,
  onChange,
  size,
  color,
  variant,
  placeholder
}: EnumSelectProps<T>): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const chosen = pickOne(options, value)
  const search = useRef({ typed: '', at: 0 })
  const onTriggerKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (open || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return
    const now = event.timeStamp
    const typed = (now - search.current.at < TYPEAHEAD_MS ? search.current.typed : '') + event.key
    // A space that begins a search opens the list, as Radix does; within a search it is a letter.
    if (typed === ' ') return
    event.preventDefault()
    search.current = { typed, at: now }
    const next = typeaheadMatch(options, (o) => labelText(optionLabel(o)), value, typed)
    if (next !== undefined && next !== value) onChange(next)
  }
  return (
    <Select.Root
      size={size}
      value={value}
      onValueChange={onOneOf(options, onChange)}
      open={open}
      onOpenChange={setOpen}
    >
      <Select.Trigger
        id={id}
        aria-label={label}
        color={color}
        variant={variant}
        placeholder={placeholder}
        onKeyDown={onTriggerKey}
      >
        {chosen === undefined ? undefined : optionLabel(chosen)}
      </Select.Trigger>
      {open && (
        <Select.Content>
          {options.map((o) => (
            <Select.Item key={o} value={o}>
              {optionLabel(o)}
            </Select.Item>
          ))}
        </Select.Content>
      )}
    </Select.Root>
  )
}
