// Every dialog's content: when it closes, focus goes back to whatever had it when the dialog
// opened (the button, the list item, the menu's trigger), even when the dialog was opened from
// app state or a menu command and has no Radix trigger to return to; the rule is focus-return.ts. On
// opening, a field marked data-autofocus takes focus.
import { Dialog } from '@radix-ui/themes'
import { useRef } from 'react'
import { placeOf, returnTarget, type Place } from './focus-return'

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
        if (event.defaultPrevented) return
        // Radix focuses the first tabbable element (a tab, a close button); a field marked data-autofocus
        // is where the editor types first, so it takes focus instead. React's autoFocus loses to Radix here.
        const wanted = (event.target as HTMLElement | null)?.querySelector<HTMLElement>('[data-autofocus]')
        if (!wanted) return
        event.preventDefault()
        wanted.focus()
      }}
      onCloseAutoFocus={(event) => {
        onCloseAutoFocus?.(event)
        if (event.defaultPrevented) return
        const target = returnTarget(opener.current)
        if (!target) return
        event.preventDefault()
        target.focus()
      }}
    />
  )
}
