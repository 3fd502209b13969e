// Desk passwords on the Electron side: encrypted with safeStorage (Keychain, DPAPI, libsecret) and
// kept as ciphertext in <userData>/factdesk-secrets.json. Without OS encryption nothing is saved:
// the password then lasts for this session only.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { safeStorage } from 'electron'
import { AppError } from '../../shared/result'
import type { SecretStore } from '../platform'
import { writeFileDurably } from '../store/durable-write'
import { nodeFileIO } from '../store/file-io'

export function safeStorageSecrets(userData: string): SecretStore {
  const file = path.join(userData, 'factdesk-secrets.json')
  const read = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>
    } catch {
      return {}
    }
  }
  const write = async (all: Record<string, string>): Promise<void> => {
    await nodeFileIO.mkdir(userData)
    await writeFileDurably(nodeFileIO, file, JSON.stringify(all))
  }
  return {
    async save(key, secret) {
      if (!safeStorage.isEncryptionAvailable())
        throw new AppError(
          'unsupported',
          'This system offers no encrypted storage, so the desk password is kept for this session only.'
        )
      await write({ ...(await read()), [key]: safeStorage.encryptString(secret).toString('base64') })
    },
    async load(key) {
      const cipher = (await read())[key]
      if (!cipher || !safeStorage.isEncryptionAvailable()) return null
      try {
        return safeStorage.decryptString(Buffer.from(cipher, 'base64'))
      } catch {
        return null
      }
    },
    async remove(key) {
      const all = await read()
      delete all[key]
      await write(all)
    }
  }
}
