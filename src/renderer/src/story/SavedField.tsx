// A text field that saves when the editor leaves it (or presses Enter in a one-line field), and
// also when it goes away with words not yet saved: the panel switching to another claim, the claim
// or story closing, the window closing. A browser does not blur a field it removes, so without this
// the words typed last were lost without a trace.
// It is uncontrolled: a value saved elsewhere (another window, the desk, undo) is shown when the
// editor is not typing in it, and never replaces words the editor is still typing, which are saved
// over it when they leave the field, as any later edit is.
import { Text, TextArea, TextField } from '@radix-ui/themes'
import { useEffect, useRef } from 'react'

interface SavedFieldProps {
  label: string
  value: string
  onSave(value: string): void
  multiline?: boolean
  placeholder?: string
  rows?: number
  name?: string
}

type Field = HTMLTextAreaElement | HTMLInputElement

export function SavedField({
  label,
  value,
  onSave,
  multiline,
  placeholder,
  rows = 2,
  name
}: SavedFieldProps): React.JSX.Element {
  const ref = useRef<Field>(null)
  /** What the field last agreed with: the stored value, or the words it last saved. */
  const agreed = useRef(value)
  const save = useRef(onSave)
  useEffect(() => {
    save.current = onSave
  })
  /** Reads refs only, so the first render's copy (held by the effect below) does what the latest would. */
  const commit = (next: string): void => {
    if (next === agreed.current) return
    agreed.current = next
    save.current(next)
  }

  // A new stored value: shown unless the editor is typing other words here.
  useEffect(() => {
    const field = ref.current
    const typing = field !== null && field.value !== agreed.current
    agreed.current = value
    if (field && !typing) field.value = value
  }, [value])

  // Going away (another claim, the panel or window closing) with words not saved: save them.
  useEffect(() => {
    const field = ref.current
    if (!field) return
    const flush = (): void => commit(field.value)
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [])

  return (
    <label className="field">
      <Text size="1" weight="medium" color="gray">
        {label}
      </Text>
      {multiline ? (
        <TextArea
          ref={ref as React.Ref<HTMLTextAreaElement>}
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
          ref={ref as React.Ref<HTMLInputElement>}
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
