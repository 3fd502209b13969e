// Radix Themes' classes for the few props the library's rows use, given straight to plain elements. A Radix
// component works out its classes at each render from every prop definition it takes (margin, layout, colour,
// size...), and a screen of library rows is some thirty of them a row; the rows take the same classes from
// these functions instead (and their tick boxes are PlainCheckbox.tsx), and keep Radix's components where they do
// more than classes (Tooltip, Avatar). theme-classes.test.tsx renders each against Radix's own component and fails on any difference.
import type { Badge } from '@radix-ui/themes'

export type AccentColor = NonNullable<React.ComponentProps<typeof Badge>['color']>
type Size = '1' | '2'
type Space = '1' | '2'

/** What `<Text size color className>` puts on its `<span>`. */
export const textProps = (
  size: Size,
  color?: AccentColor,
  className?: string
): { className: string; 'data-accent-color'?: string } => ({
  className: className ? `rt-Text rt-r-size-${size} ${className}` : `rt-Text rt-r-size-${size}`,
  ...(color ? { 'data-accent-color': color } : {})
})

/** The classes `<Flex direction gap wrap align className>` puts on its `<div>`. */
export function flexClass({
  direction,
  gap,
  wrap,
  align,
  className
}: {
  direction?: 'column'
  gap?: Space
  wrap?: 'wrap'
  align?: 'center'
  className?: string
}): string {
  return [
    'rt-Flex',
    direction && `rt-r-fd-${direction}`,
    align && `rt-r-ai-${align}`,
    wrap && `rt-r-fw-${wrap}`,
    gap && `rt-r-gap-${gap}`,
    className
  ]
    .filter(Boolean)
    .join(' ')
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
