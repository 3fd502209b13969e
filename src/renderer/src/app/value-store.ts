// One value that changes often (the reader's text selection, the sentence under the pointer), kept out
// of the render of the view that owns it: the view holds the store, which never changes, and only the
// components that show the value read it (useValue), so a change re-renders them and nothing else.
import { useSyncExternalStore } from 'react'

export class ValueStore<T> {
  private value: T
  private readonly listeners = new Set<() => void>()

  constructor(initial: T) {
    this.value = initial
  }

  get = (): T => this.value

  set(next: T): void {
    if (Object.is(next, this.value)) return
    this.value = next
    for (const listener of [...this.listeners]) listener()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
}

/** The store's value, re-rendering the caller when it changes. */
export const useValue = <T>(store: ValueStore<T>): T => useSyncExternalStore(store.subscribe, store.get)

/** Something derived from the store's value (a primitive or a stable object), re-rendering only when that changes. */
export const useValueOf = <T, U>(store: ValueStore<T>, pick: (value: T) => U): U =>
  useSyncExternalStore(store.subscribe, () => pick(store.get()))
