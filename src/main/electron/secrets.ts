// Desk passwords on the Electron side: encrypted with safeStorage (Keychain, DPAPI, libsecret) and
// kept as ciphertext in <userData>/factdesk-secrets.json, written without a backup so no older
// ciphertext lingers beside it. Without real OS encryption nothing is saved: on Linux safeStorage
// falls back to the `basic_text` backend (a fixed key, no keyring) and that is refused, not taken
// for encryption. The password then lasts for this session only and is asked for at each connect.
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { safeStorage } from 'electron'
import { AppError } from '../../shared/result'
import { noEncryption, type SecretBackend, type SecretStore } from '../platform'
import { writeFileDurably } from '../store/durable-write'
import { nodeFileIO } from '../store/file-io'

/** What safeStorage says about this system's encrypted storage. */
function system(): SecretBackend {
  return {
    available: safeStorage.isEncryptionAvailable(),
    // Linux only: with no keyring (GNOME Keyring, KWallet) safeStorage "encrypts" with a fixed, public key.
    backend:
      process.platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function'
        ? safeStorage.getSelectedStorageBackend()
        : null
  }
}

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
    await writeFileDurably(nodeFileIO, file, JSON.stringify(all), { backup: 'none' })
    // An older Factdesk kept the previous ciphertext as a backup: once the new file is in place it goes.
    await rm(`${file}.bak`, { force: true })
  }
  return {
    async save(key, secret) {
      const why = noEncryption(system())
      if (why) throw new AppError('unsupported', why)
      await write({ ...(await read()), [key]: safeStorage.encryptString(secret).toString('base64') })
    },
    async load(key) {
      const cipher = (await read())[key]
      if (!cipher || noEncryption(system())) return null
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
