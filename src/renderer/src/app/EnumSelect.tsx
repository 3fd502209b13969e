// The one select component: a Select over a set of string values (a status, a verdict, a filter, a
// person, a source, a revision). The value handed back is one of the offered values, typed as such,
// so no caller casts the Select's plain string. Every picker in the app is this component.
// Its options are built only while the list is open: closed, the trigger shows the chosen value's label
// itself (a story view holds a dozen pickers, and Radix otherwise renders every closed list's items).
import { Select } from '@radix-ui/themes'
import { useState, type ComponentProps, type ReactNode } from 'react'

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
  return (
    <Select.Root
      size={size}
      value={value}
      onValueChange={onOneOf(options, onChange)}
      open={open}
      onOpenChange={setOpen}
    >
      <Select.Trigger id={id} aria-label={label} color={color} variant={variant} placeholder={placeholder}>
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
