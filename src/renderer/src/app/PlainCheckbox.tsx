// A checkbox drawn as Radix Themes' `<Checkbox size="2" variant="surface">` draws it outside a form (the same button,
// classes and tick), with none of its state: Radix's keeps its button and the form it may sit in as state, so each
// one mounted renders twice more before the frame is painted, and the library's rows mount a screen of them (and
// its header one that may be half ticked).
// theme-classes.test.tsx fails if its markup differs from Radix's.

/** The tick Radix Themes draws in a checked box (its ThickCheckIcon). */
const TICK =
  'M8.53547 0.62293C8.88226 0.849446 8.97976 1.3142 8.75325 1.66099L4.5083 8.1599C4.38833 8.34356 4.19397 8.4655 3.9764 8.49358C3.75883 8.52167 3.53987 8.45309 3.3772 8.30591L0.616113 5.80777C0.308959 5.52987 0.285246 5.05559 0.563148 4.74844C0.84105 4.44128 1.31533 4.41757 1.62249 4.69547L3.73256 6.60459L7.49741 0.840706C7.72393 0.493916 8.18868 0.396414 8.53547 0.62293Z'

/** The bar Radix Themes draws in a half-ticked box (its ThickDividerHorizontalIcon). */
const BAR =
  'M0.75 4.5C0.75 4.08579 1.08579 3.75 1.5 3.75H7.5C7.91421 3.75 8.25 4.08579 8.25 4.5C8.25 4.91421 7.91421 5.25 7.5 5.25H1.5C1.08579 5.25 0.75 4.91421 0.75 4.5Z'

export function PlainCheckbox({
  checked,
  onCheckedChange,
  'aria-label': label
}: {
  checked: boolean | 'indeterminate'
  /** A half-ticked box becomes ticked, as Radix's does. */
  onCheckedChange(checked: boolean): void
  'aria-label': string
}): React.JSX.Element {
  const mixed = checked === 'indeterminate'
  const state = mixed ? 'indeterminate' : checked ? 'checked' : 'unchecked'
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={mixed ? 'mixed' : checked}
      data-state={state}
      value="on"
      aria-label={label}
      className="rt-reset rt-BaseCheckboxRoot rt-CheckboxRoot rt-r-size-2 rt-variant-surface"
      // As Radix's: a checkbox toggles on Space or a click, never on Enter (WAI-ARIA).
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault()
      }}
      onClick={() => onCheckedChange(mixed || !checked)}
    >
      {checked && (
        <svg
          width="9"
          height="9"
          viewBox="0 0 9 9"
          fill="currentcolor"
          xmlns="http://www.w3.org/2000/svg"
          data-state={state}
          className="rt-BaseCheckboxIndicator rt-CheckboxIndicator"
          style={{ pointerEvents: 'none' }}
        >
          <path fillRule="evenodd" clipRule="evenodd" d={mixed ? BAR : TICK} />
        </svg>
      )}
    </button>
  )
}
