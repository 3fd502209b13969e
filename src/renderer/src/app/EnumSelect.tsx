// A Select over a fixed set of string values (a status, a verdict, a filter): the value handed back
// is one of the offered values, typed as such, so no caller casts the Select's plain string.
import { Select } from '@radix-ui/themes'
import type { ComponentProps, ReactNode } from 'react'

type TriggerProps = Pick<ComponentProps<typeof Select.Trigger>, 'color' | 'variant'>

export interface EnumSelectProps<T extends string> extends TriggerProps {
  /** The trigger's accessible name. */
  label: string
  value: T
  /** Every value offered, in list order. */
  options: readonly T[]
  /** How a value reads in the list and on the trigger. */
  optionLabel: (value: T) => ReactNode
  onChange: (value: T) => void
  size?: ComponentProps<typeof Select.Root>['size']
}

export function EnumSelect<T extends string>({ label, value, options, optionLabel, onChange, size, color, variant }: EnumSelectProps<T>): React.JSX.Element {
  const pick = (picked: string): void => {
    const chosen = options.find((o) => o === picked)
    if (chosen !== undefined) onChange(chosen)
  }
  return (
    <Select.Root size={size} value={value} onValueChange={pick}>
      <Select.Trigger aria-label={label} color={color} variant={variant} />
      <Select.Content>
        {options.map((o) => (
          <Select.Item key={o} value={o}>
            {optionLabel(o)}
          </Select.Item>
        ))}
      </Select.Content>
    </Select.Root>
  )
}
