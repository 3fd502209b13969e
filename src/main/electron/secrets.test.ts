// The desk password on the Electron side: only safeStorage's ciphertext reaches the disk, never the
// password itself; without the system's encryption nothing is written at all. safeStorage is the
// OS keychain, which a test cannot reach, so it stands in here with a reversible cipher.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const keychain = vi.hoisted(() => ({ available: true }))
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    encryptString: (plain: string) =>
      Buffer.from(`sealed:${Buffer.from(plain).toString('hex').split('').reverse().join('')}`),
    decryptString: (cipher: Buffer) =>
      Buffer.from(cipher.toString().slice('sealed:'.length).split('').reverse().join(''), 'hex').toString()
  }
}))

const { safeStorageSecrets } = await import('./secrets')

let dir: string
beforeEach(async () => {
  keychain.available = true
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-secrets-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const PASSWORD = 'correct horse battery staple'

describe('safeStorage secrets', () => {
  it('keeps only ciphertext on disk and gives the password back', async () => {
    const secrets = safeStorageSecrets(dir)
    await secrets.save('desk:dana@db:5432/postgres', PASSWORD)
    const file = await readFile(path.join(dir, 'factdesk-secrets.json'), 'utf8')
    expect(file).not.toContain(PASSWORD)
    expect(file).not.toContain(Buffer.from(PASSWORD).toString('base64'))
    expect(await secrets.load('desk:dana@db:5432/postgres')).toBe(PASSWORD)
    await secrets.remove('desk:dana@db:5432/postgres')
    expect(await secrets.load('desk:dana@db:5432/postgres')).toBeNull()
  })

  it('writes nothing when the system offers no encryption, and says why with a code', async () => {
    keychain.available = false
    const secrets = safeStorageSecrets(dir)
    await expect(secrets.save('desk:dana@db:5432/postgres', PASSWORD)).rejects.toMatchObject({ code: 'unsupported' })
    await expect(readFile(path.join(dir, 'factdesk-secrets.json'), 'utf8')).rejects.toThrow()
    expect(await secrets.load('desk:dana@db:5432/postgres')).toBeNull()
  })
})
