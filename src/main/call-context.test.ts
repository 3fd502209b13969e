import { describe, expect, it } from 'vitest'
import { callerIds, inCall, outsideCalls } from './call-context'
import { KeyedMutex } from './store/keyed-mutex'

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('call context', () => {
  it('follows a handler through awaits and a queue shared with other calls', async () => {
    const mutex = new KeyedMutex()
    const seen: [string, string[]][] = []
    const write = (label: string) =>
      mutex.run('story', async () => {
        await tick(label === 'a' ? 20 : 0)
        seen.push([label, callerIds()])
      })
    await Promise.all([
      inCall('call-a', () => write('a')),
      inCall('call-b', () => write('b')),
      inCall(null, () => write('none'))
    ])
    expect(seen).toEqual([
      ['a', ['call-a']],
      ['b', ['call-b']],
      ['none', []]
    ])
  })

  it('counts nothing as the call once its handler has returned, nor work started outside it', async () => {
    const later: string[][] = []
    let background: Promise<void> = Promise.resolve()
    await inCall('quick', async () => {
      setTimeout(() => later.push(callerIds()), 5)
      background = outsideCalls(async () => {
        later.push(callerIds())
      })
    })
    await background
    await tick(20)
    expect(later).toEqual([[], []])
    expect(callerIds()).toEqual([])
  })
})
