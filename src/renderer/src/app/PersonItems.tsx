// The one person picker: a Select over the library's people (a deactivated editor is marked), with
// any fixed choices first ("Anyone", "Unassigned"). Every place that picks a person uses it.
import type { ComponentProps } from 'react'
import { EnumSelect } from './EnumSelect'
import { useLibraryContext } from './library-context'

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
  size?: ComponentProps<typeof EnumSelect>['size']
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
  const { library } = useLibraryContext()
  const labels = new Map<string, string>([
    ...fixed.map((f) => [f.value, f.label] as const),
    ...library.people.map((p) => [p.id, p.active ? p.name : `${p.name} (deactivated)`] as const)
  ])
  return (
    <EnumSelect
      label={label}
      id={id}
      size={size}
      placeholder={placeholder}
      value={value}
      options={[...labels.keys()]}
      optionLabel={(v) => labels.get(v)}
      onChange={onChange}
    />
  )
}
