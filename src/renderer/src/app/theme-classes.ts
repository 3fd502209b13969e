// Radix Themes' classes for the few props the library's rows use, given straight to plain elements. A Radix
// component works out its classes at each render from every prop definition it takes (margin, layout, colour,
// size...), and a screen of library rows is some thirty of them a row; the rows take the same classes from
// these functions instead (and their tick boxes are PlainCheckbox.tsx), and keep Radix's components where they do
// more than classes (Tooltip, Avatar). The story view's parts drawn once per open (its toolbar, the claim list's
// head and filters) do the same, which is much of a first open's script. theme-classes.test.tsx renders each against Radix's own component and fails on any difference.
import type { Badge } from '@radix-ui/themes'

export type AccentColor = NonNullable<React.ComponentProps<typeof Badge>['color']>
type Size = '1' | '2'
type Space = '1' | '2' | '3'

/** What `<Text size color weight className>` puts on its element (a `<span>`, or the `as` given). */
export const textProps = (
  size: Size,
  color?: AccentColor,
  className?: string,
  weight?: 'bold'
): { className: string; 'data-accent-color'?: string } => ({
  className: ['rt-Text', `rt-r-size-${size}`, weight && `rt-r-weight-${weight}`, className].filter(Boolean).join(' '),
  ...(color ? { 'data-accent-color': color } : {})
})

/** The classes `<Flex direction gap wrap align justify ml="auto" className>` puts on its `<div>`; `ml` also needs
 * `flexAutoMargin` as the element's style. */
export function flexClass({
  direction,
  gap,
  wrap,
  align,
  justify,
  ml,
  className
}: {
  direction?: 'column'
  gap?: Space
  wrap?: 'wrap'
  align?: 'center' | 'baseline'
  justify?: 'between'
  ml?: 'auto'
  className?: string
}): string {
  return [
    'rt-Flex',
    direction && `rt-r-fd-${direction}`,
    align && `rt-r-ai-${align}`,
    justify && `rt-r-jc-space-${justify}`,
    wrap && `rt-r-fw-${wrap}`,
    gap && `rt-r-gap-${gap}`,
    ml && 'rt-r-ml',
    className
  ]
    .filter(Boolean)
    .join(' ')
}

/** The style `ml="auto"` puts beside its class. */
export const flexAutoMargin = { '--ml': 'auto' } as React.CSSProperties

/** The classes `<Heading size className>` puts on its heading. */
export const headingClass = (size: '4', className?: string): string =>
  className ? `rt-Heading rt-r-size-${size} ${className}` : `rt-Heading rt-r-size-${size}`

/** What `<Button size variant color className>` puts on its `<button>` (not its `loading` spinner, nor `disabled`'s
 * data attribute: those keep Radix's Button). */
export function buttonProps({
  size = '2',
  variant,
  color,
  className
}: {
  size?: Size
  variant: 'soft' | 'ghost'
  color?: AccentColor
  className?: string
}): { className: string; 'data-accent-color': string } {
  return {
    className: ['rt-reset rt-BaseButton', `rt-r-size-${size}`, `rt-variant-${variant}`, 'rt-Button', className]
      .filter(Boolean)
      .join(' '),
    'data-accent-color': color ?? ''
  }
}

/** What `<Badge color size variant highContrast ml className>` puts on its `<span>`. */
export function badgeProps({
  color,
  size = '1',
  variant = 'soft',
  highContrast = false,
  ml,
  className
}: {
  color: AccentColor
  size?: Size
  variant?: 'soft' | 'outline'
  highContrast?: boolean
  ml?: Space
  className?: string
}): { className: string; 'data-accent-color': string } {
  return {
    className: [
      'rt-reset rt-Badge',
      `rt-r-size-${size}`,
      `rt-variant-${variant}`,
      highContrast && 'rt-high-contrast',
      ml && `rt-r-ml-${ml}`,
      className
    ]
      .filter(Boolean)
      .join(' '),
    'data-accent-color': color
  }
}

/** `<Table.Row>`, `<Table.Cell>` and `<Table.RowHeaderCell>` (a `<th scope="row">`). */
export const tableClasses = {
  row: 'rt-TableRow',
  cell: 'rt-TableCell',
  rowHeaderCell: 'rt-TableCell rt-TableRowHeaderCell'
} as const
