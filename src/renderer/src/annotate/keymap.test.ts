// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { undoKey } from '../app/undo'
import { actionFor, isTypingTarget, type KeyLike } from './keymap'

const key = (k: string, over: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[0-9]$/.test(k) ? `Digit${k}` : `Key${k.toUpperCase()}`,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...over
})

describe('actionFor', () => {
  it('moves with j/k and the arrows', () => {
    expect(actionFor(key('j'))).toEqual({ kind: 'next' })
    expect(actionFor(key('ArrowUp', { code: 'ArrowUp' }))).toEqual({ kind: 'previous' })
  })
  it('reads digits as status and shifted digits as verdict, whatever the layout prints', () => {
    expect(actionFor(key('1'))).toEqual({ kind: 'status', status: 'open' })
    expect(actionFor(key('4'))).toEqual({ kind: 'status', status: 'done' })
    expect(actionFor(key('5'))).toBeNull()
    expect(actionFor(key('!', { code: 'Digit1', shiftKey: true }))).toEqual({ kind: 'verdict', verdict: 'accurate' })
    expect(actionFor(key('%', { code: 'Digit5', shiftKey: true }))).toEqual({ kind: 'verdict', verdict: 'false' })
    expect(actionFor(key(')', { code: 'Digit0', shiftKey: true }))).toEqual({ kind: 'verdict', verdict: null })
  })
  it('maps the rest and leaves other modified keys to the system', () => {
    expect(actionFor(key('m'))).toEqual({ kind: 'mark' })
    expect(actionFor(key('?', { code: 'Slash', shiftKey: true }))).toEqual({ kind: 'help' })
    expect(actionFor(key('/', { code: 'Slash' }))).toEqual({ kind: 'search' })
    expect(actionFor(key('z', { ctrlKey: true }))).toBeNull()
    expect(actionFor(key('Delete', { code: 'Delete' }))).toEqual({ kind: 'delete' })
    expect(actionFor(key('Backspace', { code: 'Backspace' }))).toBeNull()
    expect(actionFor(key('c', { ctrlKey: true }))).toBeNull()
    expect(actionFor(key('j', { altKey: true }))).toBeNull()
  })
})

describe('undoKey', () => {
  it('reads Ctrl/Cmd+Z as undo, with Shift (or Ctrl+Y) as redo', () => {
    expect(undoKey(key('z', { ctrlKey: true }))).toBe('undo')
    expect(undoKey(key('z', { metaKey: true }))).toBe('undo')
    expect(undoKey(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo')
    expect(undoKey(key('y', { ctrlKey: true }))).toBe('redo')
    expect(undoKey(key('z'))).toBeNull()
  })
})

describe('isTypingTarget', () => {
  it('treats text fields as typing and buttons as not', () => {
    const input = document.createElement('input')
    const checkbox = document.createElement('input')
    checkbox.type = 'checkbox'
    expect(isTypingTarget(input)).toBe(true)
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true)
    expect(isTypingTarget(checkbox)).toBe(false)
    expect(isTypingTarget(document.createElement('button'))).toBe(false)
  })
})
