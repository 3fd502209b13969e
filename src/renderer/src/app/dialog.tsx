// Every dialog's content: when it closes, focus goes back to whatever had it when the dialog
// opened (the button, the list item, the menu's trigger), even when the dialog was opened from
// app state or a menu command and has no Radix trigger to return to.
import { Dialog } from '@radix-ui/themes'
import { useRef } from 'react'

type ContentProps = React.ComponentProps<typeof Dialog.Content>

/** The element to return to: the one focused at opening, if it is still on the page, or the main area. */
function returnTarget(opener: Element | null): HTMLElement | null {
  if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) return opener
  return document.querySelector<HTMLElement>('[data-focus-home]')
}

export function DialogContent({ onOpenAutoFocus, onCloseAutoFocus, ...props }: ContentProps): React.JSX.Element {
  const opener = useRef<Element | null>(null)
  return (
    <Dialog.Content
      {...props}
      onOpenAutoFocus={(event) => {
        // Runs as the dialog opens, before focus moves inside: what had focus is the way back.
        opener.current = document.activeElement
        onOpenAutoFocus?.(event)
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
