// A text field that saves when the editor leaves it (or presses Enter in a one-line field).
// It is uncontrolled and keyed by the stored value, so a saved change elsewhere refreshes it
// without ever resetting words the editor is still typing.
import { Text, TextArea, TextField } from '@radix-ui/themes'

interface SavedFieldProps {
  label: string
  value: string
  onSave(value: string): void
  multiline?: boolean
  placeholder?: string
  rows?: number
  name?: string
}

export function SavedField({
  label,
  value,
  onSave,
  multiline,
  placeholder,
  rows = 2,
  name
}: SavedFieldProps): React.JSX.Element {
  const commit = (next: string): void => {
    if (next !== value) onSave(next)
  }
  return (
    <label className="field">
      <Text size="1" weight="medium" color="gray">
        {label}
      </Text>
      {multiline ? (
        <TextArea
          key={value}
          name={name}
          size="2"
          defaultValue={value}
          rows={rows}
          placeholder={placeholder}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.blur()
            if (e.key === 'Escape') e.currentTarget.blur()
          }}
        />
      ) : (
        <TextField.Root
          key={value}
          name={name}
          size="2"
          defaultValue={value}
          placeholder={placeholder}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur()
          }}
        />
      )}
    </label>
  )
}
