// @vitest-environment jsdom
// A closed picker keeps keyboard typeahead: its items are not rendered while closed, so the trigger
// does the search itself over the labels' words.
import { act, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { EnumSelect, labelText, typeaheadMatch } from './EnumSelect'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const verdicts = ['none', 'true', 'mostly-true', 'misleading', 'false'] as const
type Verdict = (typeof verdicts)[number]
const labels: Record<Verdict, string> = {
  none: 'No verdict yet',
  true: 'True',
  'mostly-true': 'Mostly true',
  misleading: 'Misleading',
  false: 'False'
}

let root: Root | null = null
afterEach(() => {
  act(() => root?.unmount())
  root = null
  document.body.innerHTML = ''
})

function Picker({ seen }: { seen: Verdict[] }): React.JSX.Element {
  const [value, setValue] = useState<Verdict>('none')
  return (
    <EnumSelect
      label="Verdict"
      value={value}
      options={verdicts}
      // A label with a swatch beside its words, as the claim panel's verdict picker has.
      optionLabel={(v) => (
        <span>
          <i aria-hidden />
          {labels[v]}
        </span>
      )}
      onChange={(v) => {
        seen.push(v)
        setValue(v)
      }}
    />
  )
}

function type(trigger: HTMLElement, key: string, timeStamp: number): void {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
  Object.defineProperty(event, 'timeStamp', { value: timeStamp })
  act(() => void trigger.dispatchEvent(event))
}

describe('EnumSelect typeahead while closed', () => {
  it('picks the label that starts with the letters typed, and steps on when one letter is typed again', () => {
    const host = document.createElement('div')
    document.body.append(host)
    const seen: Verdict[] = []
    root = createRoot(host)
    act(() => root!.render(<Picker seen={seen} />))
    const trigger = host.querySelector<HTMLElement>('[role="combobox"]')!
    expect(trigger.getAttribute('aria-label')).toBe('Verdict')
    type(trigger, 'f', 10)
    expect(seen).toEqual(['false'])
    expect(trigger.textContent).toContain('False')
    // "m" then "m" again within the search window: Misleading after Mostly true.
    type(trigger, 'm', 5000)
    type(trigger, 'm', 5100)
    expect(seen).toEqual(['false', 'mostly-true', 'misleading'])
    // "mo", typed as one search, goes back to Mostly true.
    type(trigger, 'm', 9000)
    type(trigger, 'o', 9100)
    expect(seen.at(-1)).toBe('mostly-true')
    expect(host.querySelector('[role="listbox"]')).toBeNull()
  })

  it('reads a label’s words through nested elements, and matches from the option after the chosen one', () => {
    expect(
      labelText(
        <span>
          <i />
          Mostly {'true'}
        </span>
      )
    ).toBe('Mostly true')
    const text = (v: Verdict): string => labels[v]
    expect(typeaheadMatch(verdicts, text, 'mostly-true', 'm')).toBe('misleading')
    expect(typeaheadMatch(verdicts, text, 'misleading', 'm')).toBe('mostly-true')
    expect(typeaheadMatch(verdicts, text, 'none', 'x')).toBeUndefined()
    expect(typeaheadMatch(verdicts, text, 'mostly-true', 'mos')).toBe('mostly-true')
  })
})
