// @vitest-environment jsdom
// The plain elements the library's rows draw with theme-classes.ts are what Radix Themes' own components draw
// for the same props: the same element, classes and accent colour, for every combination the rows use.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Badge, Button, Checkbox, Flex, Heading, Table, Text } from '@radix-ui/themes'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PlainCheckbox } from './PlainCheckbox'
import {
  badgeProps,
  buttonProps,
  flexAutoMargin,
  flexClass,
  headingClass,
  tableClasses,
  textProps,
  type AccentColor
} from './theme-classes'

/** The first element of some markup: its tag, its classes (in any order) and its other attributes. */
function firstElement(node: React.ReactElement): { tag: string; classes: string[]; attributes: string[] } {
  const html = renderToStaticMarkup(node)
  const open = /^<([a-z]+)([^>]*)>/.exec(html)
  if (!open) throw new Error(`no element in ${html}`)
  const attributes = [...(open[2] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const)
  return {
    tag: open[1] ?? '',
    classes: (attributes.find(([name]) => name === 'class')?.[1] ?? '').split(/\s+/).filter(Boolean).sort(),
    attributes: attributes
      .filter(([name]) => name !== 'class')
      .map(([name, value]) => `${name}=${value}`)
      .sort()
  }
}

const colors: AccentColor[] = ['gray', 'orange', 'purple', 'amber', 'red', 'blue', 'green']

describe("Radix Themes' classes on plain elements", () => {
  it('Text', () => {
    expect(firstElement(<span {...textProps('1', 'gray')}>x</span>)).toEqual(
      firstElement(
        <Text size="1" color="gray">
          x
        </Text>
      )
    )
    expect(firstElement(<span {...textProps('2')}>x</span>)).toEqual(firstElement(<Text size="2">x</Text>))
    expect(firstElement(<span {...textProps('1', 'gray', 'progress-text')}>x</span>)).toEqual(
      firstElement(
        <Text size="1" color="gray" className="progress-text">
          x
        </Text>
      )
    )
  })

  it('Flex', () => {
    const pairs: [Parameters<typeof flexClass>[0], React.ReactElement][] = [
      [{ direction: 'column', gap: '1' }, <Flex key="a" direction="column" gap="1" />],
      [{ gap: '1', wrap: 'wrap' }, <Flex key="b" gap="1" wrap="wrap" />],
      [{ gap: '1' }, <Flex key="c" gap="1" />],
      [{ direction: 'column' }, <Flex key="d" direction="column" />],
      [
        { align: 'center', gap: '2', className: 'progress' },
        <Flex key="e" align="center" gap="2" className="progress" />
      ]
    ]
    for (const [props, radix] of pairs)
      expect(firstElement(<div className={flexClass(props)} />)).toEqual(firstElement(radix))
    // The story view's toolbar, claim list head and filters.
    const story: [Parameters<typeof flexClass>[0], React.ReactElement][] = [
      [
        { align: 'center', gap: '3', className: 'toolbar story-toolbar' },
        <Flex key="f" className="toolbar story-toolbar" align="center" gap="3" />
      ],
      [
        { direction: 'column', className: 'story-heading' },
        <Flex key="g" direction="column" className="story-heading" />
      ],
      [{ justify: 'between', align: 'baseline' }, <Flex key="h" justify="between" align="baseline" />],
      [{ gap: '2', align: 'center', wrap: 'wrap' }, <Flex key="i" gap="2" align="center" wrap="wrap" />],
      [
        { gap: '3', align: 'center', wrap: 'wrap', className: 'filter-checks' },
        <Flex key="j" gap="3" align="center" wrap="wrap" className="filter-checks" />
      ],
      [{ gap: '1', align: 'center' }, <Flex key="k" gap="1" align="center" />]
    ]
    for (const [props, radix] of story)
      expect(firstElement(<div className={flexClass(props)} />)).toEqual(firstElement(radix))
    expect(
      firstElement(
        <div
          className={flexClass({ ml: 'auto', gap: '2', align: 'center', className: 'story-toolbar-end' })}
          style={flexAutoMargin}
        />
      )
    ).toEqual(firstElement(<Flex ml="auto" gap="2" align="center" className="story-toolbar-end" />))
  })

  it('Text as a paragraph or label, bold; Heading', () => {
    expect(firstElement(<p {...textProps('2', undefined, undefined, 'bold')}>x</p>)).toEqual(
      firstElement(
        <Text as="p" size="2" weight="bold">
          x
        </Text>
      )
    )
    expect(firstElement(<label {...textProps('1')}>x</label>)).toEqual(
      firstElement(
        <Text as="label" size="1">
          x
        </Text>
      )
    )
    expect(
      firstElement(
        <h1 className={headingClass('4', 'story-title')} tabIndex={-1}>
          x
        </h1>
      )
    ).toEqual(
      firstElement(
        <Heading as="h1" size="4" className="story-title" tabIndex={-1}>
          x
        </Heading>
      )
    )
  })

  it('Button', () => {
    for (const variant of ['soft', 'ghost'] as const)
      for (const color of [undefined, 'gray'] as const)
        for (const size of [undefined, '1'] as const)
          expect(firstElement(<button {...buttonProps({ size, variant, color })}>x</button>)).toEqual(
            firstElement(
              <Button size={size} variant={variant} color={color}>
                x
              </Button>
            )
          )
  })

  it('Badge', () => {
    for (const color of colors) {
      expect(firstElement(<span {...badgeProps({ color, ml: '2' })}>x</span>)).toEqual(
        firstElement(
          <Badge color={color} size="1" ml="2">
            x
          </Badge>
        )
      )
      expect(firstElement(<span {...badgeProps({ color, variant: 'outline', highContrast: true })}>x</span>)).toEqual(
        firstElement(
          <Badge color={color} variant="outline" highContrast>
            x
          </Badge>
        )
      )
      for (const size of ['1', '2'] as const)
        expect(
          firstElement(<span {...badgeProps({ color, size, highContrast: true, className: 'status-badge' })}>x</span>)
        ).toEqual(
          firstElement(
            <Badge color={color} size={size} variant="soft" highContrast className="status-badge">
              x
            </Badge>
          )
        )
    }
  })

  it('Table rows and cells', () => {
    // Radix's Table.Row, Cell and RowHeaderCell render the element itself, with no wrapper.
    expect(firstElement(<tr className={tableClasses.row} />)).toEqual(firstElement(<Table.Row />))
    expect(firstElement(<td className={tableClasses.cell} />)).toEqual(firstElement(<Table.Cell />))
    expect(firstElement(<th className={tableClasses.rowHeaderCell} scope="row" />)).toEqual(
      firstElement(<Table.RowHeaderCell />)
    )
  })
})

describe("PlainCheckbox is Radix Themes' Checkbox without its state", () => {
  it('draws the same button and tick, checked or not (Radix adds a hidden input only inside a form)', () => {
    for (const checked of [false, true, 'indeterminate'] as const) {
      const radix = renderToStaticMarkup(
        <Checkbox aria-label="Select A" checked={checked} onCheckedChange={() => {}} />
      )
      expect(
        renderToStaticMarkup(<PlainCheckbox aria-label="Select A" checked={checked} onCheckedChange={() => {}} />)
      ).toBe(radix.slice(0, radix.indexOf('<input')))
    }
  })

  it('toggles on a click and not on Enter; a half-ticked box becomes ticked', () => {
    const changes: boolean[] = []
    render(<PlainCheckbox aria-label="Select A" checked={false} onCheckedChange={(v) => changes.push(v)} />)
    const box = screen.getByRole('checkbox', { name: 'Select A' })
    expect(box.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(box)
    expect(changes).toEqual([true])
    expect(fireEvent.keyDown(box, { key: 'Enter' })).toBe(false)
    cleanup()
    render(<PlainCheckbox aria-label="Select all" checked="indeterminate" onCheckedChange={(v) => changes.push(v)} />)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all' }))
    expect(changes).toEqual([true, true])
    cleanup()
  })
})
