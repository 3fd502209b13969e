// Where focus goes when what had it goes away: the one rule for every dialog, panel and action.
//
// Focus goes back to the element that had it (the button that opened a dialog, the claim in the
// list); when that element is gone (a Confirm button whose callout disappears once it has done its
// work, a menu item, a row that re-rendered), it goes to the nearest focus home among the places the
// element was in: the claim panel's heading, then the story's headline, then the app's main area.
// A focus home (`data-focus-home`) is an element where the desk's keys work, so the next key always
// lands somewhere that reads it.
//
// Opening: a dialog or popover puts focus on its field marked `data-autofocus` (where the editor types
// first), else on its first tabbable element. React's `autoFocus` is not used inside them: it focuses
// before the dialog's focus scope exists, so a closing menu's or list's trap can take focus back, and
// the dialog never learns what opened it. A menu item opens its dialog once the menu has closed
// (menu-opens.ts). Choosing a tab leaves focus on the tab (WAI-ARIA tabs); its panel's field is the next
// Tab stop. Closing: focus goes back to the opener (above), unless
// something outside the dialog has taken it meanwhile (the story an import opened, its headline).

/** Where an element was: itself and its ancestors, outermost last, to find a home when it is gone. */
export interface Place {
  element: Element | null
  ancestors: Element[]
}

export function placeOf(element: Element | null): Place {
  const ancestors: Element[] = []
  for (let at = element?.parentElement ?? null; at; at = at.parentElement) ancestors.push(at)
  return { element, ancestors }
}

const usable = (el: Element | null): el is HTMLElement =>
  el instanceof HTMLElement && el.isConnected && el !== document.body && !el.closest('[hidden],[inert]')

const homeIn = (container: Element): HTMLElement | null => {
  if (container.matches('[data-focus-home]') && usable(container)) return container as HTMLElement
  for (const home of container.querySelectorAll('[data-focus-home]')) if (usable(home)) return home as HTMLElement
  return null
}

/** The element focus should go to for `place`: the element itself if it still stands, else the nearest home. */
export function returnTarget(place: Place): HTMLElement | null {
  if (usable(place.element)) return place.element
  for (const ancestor of place.ancestors) {
    if (!ancestor.isConnected) continue
    const home = homeIn(ancestor)
    if (home) return home
  }
  return document.querySelector<HTMLElement>('[data-focus-home]')
}

/**
 * A dialog's or popover's onOpenAutoFocus: focus goes to the field it marks `data-autofocus`, instead of
 * Radix's first tabbable element (a tab, a close button).
 */
export function focusMarkedField(event: Event): void {
  if (event.defaultPrevented) return
  const field = (event.target as Element | null)?.querySelector('[data-autofocus]') ?? null
  if (!usable(field)) return
  event.preventDefault()
  field.focus()
}

/**
 * Whether, as the dialog `container` closes, an element outside it already holds focus because the
 * dialog's action moved on (a new screen): then focus stays there instead of going back.
 */
export function focusMovedOn(container: Element | null): boolean {
  const active = document.activeElement
  return usable(active) && container !== null && !container.contains(active)
}

/**
 * Whether a screen that has just become ready may take focus for its home `home`: focus is on nothing
 * more precise (<body>, an element holding the home, such as the main area focus-return gave it when
 * the previous screen went away) or inside a dialog that is closing.
 */
export function mayTakeFocus(home: Element): boolean {
  const active = document.activeElement
  if (!active || active === document.body || !active.isConnected) return true
  if (active === home) return false
  return active.contains(home) || active.closest('[role="dialog"][data-state="closed"]') !== null
}

export function returnFocus(place: Place): void {
  returnTarget(place)?.focus({ preventScroll: true })
}

/**
 * Watches for the focused element leaving the page (its action removed it): focus then follows
 * the rule instead of falling to <body>. Returns the function that stops watching.
 */
export function keepFocus(root: HTMLElement = document.body): () => void {
  let last = placeOf(document.activeElement)
  const onFocus = (e: FocusEvent): void => {
    if (e.target instanceof Element) last = placeOf(e.target)
  }
  const observer = new MutationObserver(() => {
    const active = document.activeElement
    if (active && active !== document.body) return
    if (!last.element || last.element.isConnected) return
    const place = last
    // Dialogs, menus and lists give focus back themselves when they close (DialogContent, Radix).
    if (place.ancestors.some((a) => a.matches('[role="dialog"],[role="alertdialog"],[role="menu"],[role="listbox"]')))
      return
    last = placeOf(null)
    returnFocus(place)
  })
  document.addEventListener('focusin', onFocus)
  observer.observe(root, { childList: true, subtree: true })
  return () => {
    document.removeEventListener('focusin', onFocus)
    observer.disconnect()
  }
}
