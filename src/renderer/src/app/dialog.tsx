// Every dialog's content: as it opens, focus goes to its field marked data-autofocus; when it closes,
// focus goes back to whatever had it when the dialog opened (the button, the list item, the menu's
// trigger), even when the dialog was opened from app state or a menu command and has no Radix trigger
// to return to, unless the dialog's action has moved focus on. The rule is focus-return.ts.
import { Dialog } from '@radix-ui/themes'
import { useRef } from 'react'
import { focusMarkedField, focusMovedOn, placeOf, returnTarget, type Place } from './focus-return'

type ContentProps = React.ComponentProps<typeof Dialog.Content>

export function DialogContent({ onOpenAutoFocus, onCloseAutoFocus, ...props }: ContentProps): React.JSX.Element {
  const opener = useRef<Place>(placeOf(null))
  return (
    <Dialog.Content
      {...props}
      onOpenAutoFocus={(event) => {
        // Runs as the dialog opens, before focus moves inside: what had focus is the way back.
        opener.current = placeOf(document.activeElement)
        onOpenAutoFocus?.(event)
        focusMarkedField(event)
      }}
      onCloseAutoFocus={(event) => {
        onCloseAutoFocus?.(event)
        if (event.defaultPrevented) return
        if (focusMovedOn(event.target as Element | null)) return event.preventDefault()
        const target = returnTarget(opener.current)
        if (!target) return
        event.preventDefault()
        target.focus()
      }}
    />
  )
}
