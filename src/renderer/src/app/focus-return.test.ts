// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { acceptsSingleKeys } from '../annotate/keymap'
import { keepFocus, placeOf, returnTarget } from './focus-return'

const page = (): Record<string, HTMLElement> => {
  document.body.innerHTML = `
    <main data-focus-home tabindex="-1" id="main">
      <div id="story">
        <h1 data-focus-home tabindex="-1" id="headline">Headline</h1>
        <div id="text" tabindex="0" data-single-keys="text">Story text</div>
        <aside id="panel">
          <h2 data-focus-home tabindex="-1" id="panel-heading">C1</h2>
          <div id="callout"><button id="confirm">Confirm</button></div>
        </aside>
      </div>
    </main>`
  return Object.fromEntries([...document.querySelectorAll<HTMLElement>('[id]')].map((el) => [el.id, el]))
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('returnTarget', () => {
  it('goes back to the element that had focus while it stands', () => {
    const el = page()
    expect(returnTarget(placeOf(el.confirm!))).toBe(el.confirm)
  })

  it('goes to the nearest home among the places a removed element was in', () => {
    const el = page()
    const place = placeOf(el.confirm!)
    el.callout!.remove()
    expect(returnTarget(place)).toBe(el['panel-heading'])
    el.panel!.remove()
    expect(returnTarget(place)).toBe(el.headline)
    el.story!.remove()
    expect(returnTarget(place)).toBe(el.main)
  })
})

describe('keepFocus', () => {
  it('hands focus on when an action removes the focused button, instead of dropping it on <body>', async () => {
    const el = page()
    const stop = keepFocus()
    el.confirm!.focus()
    expect(document.activeElement).toBe(el.confirm)
    el.callout!.remove()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(document.activeElement).toBe(el['panel-heading'])
    stop()
  })
})

describe('acceptsSingleKeys', () => {
  it('lets the story text, focused by a mouse selection, take M but keep its arrows and Enter', () => {
    const el = page()
    expect(acceptsSingleKeys(el.text!, 'm')).toBe(true)
    expect(acceptsSingleKeys(el.text!, '1')).toBe(true)
    expect(acceptsSingleKeys(el.text!, 'ArrowDown')).toBe(false)
    expect(acceptsSingleKeys(el.text!, 'Enter')).toBe(false)
    expect(acceptsSingleKeys(el.confirm!, 'm')).toBe(false)
  })
})
