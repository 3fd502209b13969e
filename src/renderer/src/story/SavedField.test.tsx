// @vitest-environment jsdom
// A saved field never loses words the editor typed: not when the panel goes away before the field was
// left (a browser does not blur a field it removes), not when the window closes, and not when a value
// saved elsewhere arrives while the editor is typing. On the old field (saved on blur only, remounted
// by its value) the first, second and third cases lose the words.
import { Theme } from '@radix-ui/themes'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SavedField } from './SavedField'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root
let saved: string[]
beforeEach(() => {
  saved = []
  const host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
})
afterEach(() => {
  act(() => root.unmount())
  document.body.innerHTML = ''
})

const show = (value: string | null, multiline = true): void =>
  act(() =>
    root.render(
      <Theme>
        {value !== null && (
          <SavedField
            label="Rationale"
            name="rationale"
            multiline={multiline}
            value={value}
            onSave={(v) => saved.push(v)}
          />
        )}
      </Theme>
    )
  )
const field = (): HTMLTextAreaElement | HTMLInputElement =>
  document.querySelector<HTMLTextAreaElement | HTMLInputElement>('[name="rationale"]')!
/** Words typed into the field, as the browser sets them, without leaving it. */
const type = (words: string): void => {
  const f = field()
  f.focus()
  f.value = words
  f.dispatchEvent(new Event('input', { bubbles: true }))
}

describe.each([
  ['a many-line field', true],
  ['a one-line field', false]
])('%s', (_, multiline) => {
  it('saves the words typed when it goes away before the editor left it', () => {
    show('', multiline)
    type('The port counts 1,400.')
    show(null, multiline)
    expect(saved).toEqual(['The port counts 1,400.'])
  })

  it('saves the words typed when the window closes', () => {
    show('', multiline)
    type('Checked with the port.')
    act(() => window.dispatchEvent(new Event('pagehide')))
    expect(saved).toEqual(['Checked with the port.'])
    show(null, multiline)
    expect(saved).toEqual(['Checked with the port.'])
  })

  it('keeps the words being typed when a value saved elsewhere arrives, and saves them when left', () => {
    show('first', multiline)
    type('mine')
    show('theirs', multiline)
    expect(field().value).toBe('mine')
    act(() => field().blur())
    expect(saved).toEqual(['mine'])
  })

  it('shows a value saved elsewhere when the editor is not typing, and saves nothing on its own', () => {
    show('first', multiline)
    show('theirs', multiline)
    expect(field().value).toBe('theirs')
    act(() => field().focus())
    act(() => field().blur())
    show(null, multiline)
    expect(saved).toEqual([])
  })

  it('saves once when left and then gone', () => {
    show('', multiline)
    type('once')
    act(() => field().blur())
    show(null, multiline)
    expect(saved).toEqual(['once'])
  })
})
