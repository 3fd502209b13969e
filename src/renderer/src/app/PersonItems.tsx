// The one person picker: a Select over the library's people (a deactivated editor is marked), with
// any fixed choices first ("Anyone", "Unassigned"). Every place that picks a person uses it.
import { Select } from '@radix-ui/themes'
import type { ComponentProps } from 'react'
import { useDesk } from './desk-context'

export interface PersonSelectProps {
  /** The trigger's accessible name. */
  label: string
  /** The trigger's id, for a visible `<label htmlFor>` beside it. */
  id?: string
  /** A person's id, or the value of one of `fixed`. */
  value: string
  onChange: (value: string) => void
  /** Choices offered before the people, in order. */
  fixed?: readonly { value: string; label: string }[]
  size?: ComponentProps<typeof Select.Root>['size']
  placeholder?: string
}

export function PersonSelect({
  label,
  id,
  value,
  onChange,
  fixed = [],
  size,
  placeholder
}: PersonSelectProps): React.JSX.Element {
  const { library } = useDesk()
  return (
    <Select.Root size={size} value={value} onValueChange={onChange}>
      <Select.Trigger id={id} aria-label={label} placeholder={placeholder} />
      <Select.Content>
        {fixed.map((f) => (
          <Select.Item key={f.value} value={f.value}>
            {f.label}
          </Select.Item>
        ))}
        {library.people.map((p) => (
          <Select.Item key={p.id} value={p.id}>
            {p.active ? p.name : `${p.name} (deactivated)`}
          </Select.Item>
        ))}
      </Select.Content>
    </Select.Root>
  )
}
