// The desk: one shared PostgreSQL database that each editor's library syncs with.
import { z } from 'zod'
import { Id, IsoDate, ShortText } from '../model'
import { errorCodes } from '../result'
import { channels, read, write, NoInput } from './channel'

const ErrorCode = z.enum(errorCodes)

/** Where the desk database is; the password travels separately and is never saved in plain text. */
export const DeskConnection = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  database: z.string().min(1).max(63),
  user: z.string().min(1).max(63),
  /** TLS is on unless turned off on purpose (a desk on this machine, `npm run desk`). */
  ssl: z.boolean(),
  deskId: Id
})
export type DeskConnection = z.infer<typeof DeskConnection>

/** Either a postgresql:// URL or the parts; main turns both into a DeskConnection. */
export const ConnectDesk = z.strictObject({
  url: z.string().max(2000).optional(),
  host: DeskConnection.shape.host.optional(),
  port: DeskConnection.shape.port.optional(),
  database: DeskConnection.shape.database.optional(),
  user: DeskConnection.shape.user.optional(),
  password: z.string().max(500),
  ssl: z.boolean(),
  deskId: Id
})
export type ConnectDesk = z.infer<typeof ConnectDesk>

export const DeskConflict = z.strictObject({
  key: z.string(),
  kind: z.enum(['story', 'claim', 'evidence', 'source', 'person', 'settings']),
  storyId: Id.nullable(),
  unitId: z.string(),
  fields: z.array(z.strictObject({ field: z.string(), local: z.unknown(), remote: z.unknown() })),
  /**
   * Who found the conflict, when it was another editor of the desk (their role): local is then this
   * library's value and remote theirs. Absent when this library found it.
   */
  raisedBy: z.string().optional()
})
export type DeskConflict = z.infer<typeof DeskConflict>

export const DeskStatus = z.strictObject({
  /** off: no desk; online: in sync or syncing; offline: changes queue until the desk is back. */
  state: z.enum(['off', 'online', 'offline']),
  deskId: Id.nullable(),
  user: ShortText.nullable(),
  lead: z.boolean(),
  pending: z.number().int().min(0),
  lastSyncAt: IsoDate.nullable(),
  conflicts: z.array(DeskConflict),
  error: z.strictObject({ code: ErrorCode, message: z.string() }).nullable(),
  /**
   * A long sync under way (a first push or a first pull of a big desk): how far it is, sent with each
   * page. push counts the changes sent, pull the stories received. Null when nothing long is running.
   */
  progress: z
    .strictObject({
      phase: z.enum(['push', 'pull']),
      done: z.number().int().min(0),
      total: z.number().int().min(0)
    })
    .nullable()
})
export type DeskStatus = z.infer<typeof DeskStatus>

/**
 * What desk.connect answers: the status, and why the password could not be kept for the next start
 * (for example no keyring on Linux), in words that say what to do; null when it was kept.
 */
export const DeskConnected = DeskStatus.extend({
  passwordNotice: z.strictObject({ code: ErrorCode, message: z.string() }).nullable()
})
export type DeskConnected = z.infer<typeof DeskConnected>

export const deskChannels = channels('desk', {
  status: read(NoInput, DeskStatus),
  connect: write(ConnectDesk, DeskConnected),
  disconnect: read(NoInput, DeskStatus),
  /**
   * Disconnects and forgets everything agreed with the desk (the library's stories stay as they are),
   * so the library can join another desk, where all of it is new.
   */
  detach: write(NoInput, DeskStatus),
  /** Settles a sync conflict field by field: keep this library's value or the desk's. */
  resolve: write(
    z.strictObject({ key: z.string().max(200), choices: z.record(z.string().max(100), z.enum(['local', 'remote'])) }),
    DeskStatus
  )
})
