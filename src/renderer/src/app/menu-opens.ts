// A menu item that opens a dialog (or a file chooser) opens it only once the menu has closed and given
// focus back to its trigger. Radix keeps a closing menu's focus trap alive through its exit animation and
// then focuses the trigger; a dialog opened straight from the item fights both (its field focused,
// pulled back to the item by the menu's trap, then Radix's first tabbable element), and takes the removed
// item as its opener. Opened afterwards, the dialog's opener is the trigger and its field keeps focus
// (focus-return.ts).
import { useCallback, useRef } from 'react'

/**
 * For a DropdownMenu whose `trigger` is the button given to DropdownMenu.Trigger: the Content's
 * onCloseAutoFocus, and `opens(open)` for an item's onSelect, which runs `open` once the menu has closed.
 */
export function useMenuOpens(
  trigger: React.RefObject<HTMLButtonElement | null>
): [onCloseAutoFocus: (event: Event) => void, opens: (open: () => void) => void] {
  const pending = useRef<(() => void) | null>(null)
  const onCloseAutoFocus = useCallback(
    (event: Event) => {
      const open = pending.current
      pending.current = null
      if (!open) return
      // Radix would focus the trigger after this handler; it is done here, first, so the order is ours.
      event.preventDefault()
      trigger.current?.focus()
      open()
    },
    [trigger]
  )
  const opens = useCallback((open: () => void) => {
    pending.current = open
  }, [])
  return [onCloseAutoFocus, opens]
}
