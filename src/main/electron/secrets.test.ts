// The desk password on the Electron side: only safeStorage's ciphertext reaches the disk, never the
// password itself; without the system's encryption nothing is written at all. safeStorage is the
// OS keychain, which a test cannot reach, so it stands in here with a reversible cipher.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const keychain = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }))
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
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
  keychain.backend = 'gnome_libsecret'
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

  it('leaves no backup of the secrets file, and removes one an older version left', async () => {
    const file = path.join(dir, 'factdesk-secrets.json')
    await writeFile(`${file}.bak`, JSON.stringify({ 'desk:old': 'old-ciphertext' }))
    const secrets = safeStorageSecrets(dir)
    await secrets.save('desk:dana@db:5432/postgres', PASSWORD)
    await secrets.save('desk:dana@db:5432/postgres', 'a newer password')
    expect(await readdir(dir)).toEqual(['factdesk-secrets.json'])
    await secrets.remove('desk:dana@db:5432/postgres')
    expect(await readdir(dir)).toEqual(['factdesk-secrets.json'])
    expect(await readFile(file, 'utf8')).toBe('{}')
  })

  it.runIf(process.platform === 'linux')(
    'refuses to store a password with the basic_text backend, saying how to set up a keyring',
    async () => {
      keychain.backend = 'basic_text'
      const secrets = safeStorageSecrets(dir)
      await expect(secrets.save('desk:dana@db:5432/postgres', PASSWORD)).rejects.toMatchObject({
        code: 'unsupported',
        message: expect.stringMatching(/keyring.*asked for at each connect|asked for at each connect.*keyring/s)
      })
      expect(await readdir(dir)).toEqual([])
      expect(await secrets.load('desk:dana@db:5432/postgres')).toBeNull()
    }
  )
})
