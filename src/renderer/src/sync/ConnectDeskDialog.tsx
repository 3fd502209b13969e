// Connect to a desk: the desk's PostgreSQL database by address or by its parts, the editor's own
// role and password (kept by main with the system's encrypted storage, never in a plain file), TLS
// on unless turned off on purpose, and the desk id. Connected, it says where and offers Disconnect.
import { ExclamationTriangleIcon, LockClosedIcon } from '@radix-ui/react-icons'
import { Button, Callout, Checkbox, Dialog, Flex, Grid, Tabs, Text } from '@radix-ui/themes'
import { useState } from 'react'
import type { DeskStatus } from '../../../shared/contract'
import { BridgeError, call } from '../api'
import { DialogContent } from '../app/dialog'
import { onOneOf } from '../app/EnumSelect'
import { ErrorCallout } from '../app/ErrorCallout'
import { DialogFooter, LabelledField, useAction } from '../app/form-parts'
import { useToasts } from '../app/toasts'
import { OtherConflicts } from './SyncConflict'
import { SyncProgress } from './SyncProgress'
import { connectHint, connectInput, pendingWords, stateWords, type ConnectDraft } from './sync-words'

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  status: DeskStatus
  onStatus(status: DeskStatus): void
}

export function ConnectDeskDialog({ open, onOpenChange, status, onStatus }: Props): React.JSX.Element {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogContent maxWidth="560px" aria-describedby="connect-desk-about">
        <Dialog.Title>{status.state === 'off' ? 'Connect to a desk' : 'Shared desk'}</Dialog.Title>
        <Text as="p" size="2" color="gray" id="connect-desk-about" mb="3">
          {status.state === 'off'
            ? 'Share this library with your desk: its PostgreSQL database keeps everyone’s stories, claims and verdicts in step. You keep working here when you are offline.'
            : 'This library syncs with a shared desk.'}
        </Text>
        {status.state === 'off' ? (
          <ConnectForm onConnected={(s) => (onStatus(s), onOpenChange(false))} />
        ) : (
          <Connected status={status} onStatus={(s) => (onStatus(s), onOpenChange(false))} />
        )}
      </DialogContent>
    </Dialog.Root>
  )
}

function Connected({
  status,
  onStatus
}: {
  status: DeskStatus
  onStatus(status: DeskStatus): void
}): React.JSX.Element {
  const action = useAction()
  const toasts = useToasts()
  return (
    <Flex direction="column" gap="3">
      <Grid columns="auto 1fr" gapX="4" gapY="1" asChild>
        <dl className="desk-facts">
          <dt>Desk</dt>
          <dd>{status.deskId}</dd>
          <dt>Signed in as</dt>
          <dd>
            {status.user}
            {status.lead ? ' (desk lead)' : ''}
          </dd>
          <dt>Connection</dt>
          <dd>{stateWords(status)}</dd>
          <dt>Changes</dt>
          <dd>{pendingWords(status.pending)}</dd>
        </dl>
      </Grid>
      <SyncProgress progress={status.progress} />
      {status.error && (
        <Callout.Root color={status.state === 'offline' ? 'orange' : 'red'} highContrast size="1">
          <Callout.Icon>
            <ExclamationTriangleIcon />
          </Callout.Icon>
          <Callout.Text>{status.error.message}</Callout.Text>
        </Callout.Root>
      )}
      <OtherConflicts />
      <Text as="p" size="1" color="gray">
        Disconnecting keeps everything in this library; changes made while disconnected are shared when you connect to
        this desk again.
      </Text>
      <DialogFooter error={action.error}>
        <Button
          type="button"
          color="red"
          variant="soft"
          loading={action.busy}
          onClick={() =>
            void action.run(async () => {
              const next = await call('desk.disconnect', {})
              onStatus(next)
              toasts.show({ message: `Disconnected from the desk "${status.deskId}".` })
            })
          }
        >
          Disconnect
        </Button>
      </DialogFooter>
    </Flex>
  )
}

const connectModes = ['parts', 'url'] as const

const empty: ConnectDraft = {
  mode: 'parts',
  url: '',
  host: '',
  port: '5432',
  database: '',
  user: '',
  password: '',
  ssl: true,
  deskId: ''
}

function ConnectForm({ onConnected }: { onConnected(status: DeskStatus): void }): React.JSX.Element {
  const [draft, setDraft] = useState<ConnectDraft>(empty)
  const action = useAction()
  const toasts = useToasts()
  const set =
    <K extends keyof ConnectDraft>(key: K) =>
    (value: ConnectDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }))
  const hint = action.error instanceof BridgeError ? connectHint(action.error.code) : null

  async function connect(): Promise<void> {
    const status = await action.run(() => call('desk.connect', connectInput(draft)))
    if (!status) return
    toasts.show({ message: `Connected to the desk "${status.deskId}" as ${status.user}.` })
    // The desk works, but the password could not be kept (no keyring): say why and what to do.
    if (status.passwordNotice) toasts.show({ message: status.passwordNotice.message, tone: 'error' })
    onConnected(status)
  }

  return (
    <form
      aria-label="Desk connection"
      onSubmit={(e) => {
        e.preventDefault()
        void connect()
      }}
    >
      <Flex direction="column" gap="3">
        <Tabs.Root value={draft.mode} onValueChange={onOneOf(connectModes, set('mode'))}>
          <Tabs.List size="1" aria-label="How to give the desk database">
            <Tabs.Trigger value="parts">Server details</Tabs.Trigger>
            <Tabs.Trigger value="url">Connection address</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="parts">
            <Grid columns="3fr 1fr" gap="3" mt="3">
              <LabelledField
                id="desk-host"
                label="Host"
                value={draft.host}
                onChange={set('host')}
                placeholder="desk.example.org"
              />
              <LabelledField id="desk-port" label="Port" value={draft.port} onChange={set('port')} type="number" />
              <LabelledField
                id="desk-database"
                label="Database"
                value={draft.database}
                onChange={set('database')}
                placeholder="postgres"
              />
              <span />
              <LabelledField
                id="desk-user"
                label="User name"
                value={draft.user}
                onChange={set('user')}
                placeholder="your own database role"
                autoComplete="username"
              />
            </Grid>
          </Tabs.Content>
          <Tabs.Content value="url">
            <Flex direction="column" gap="3" mt="3">
              <LabelledField
                id="desk-url"
                label="Connection address"
                value={draft.url}
                onChange={set('url')}
                placeholder="postgresql://dana@desk.example.org:5432/factdesk"
              />
            </Flex>
          </Tabs.Content>
        </Tabs.Root>
        <Grid columns="1fr 1fr" gap="3">
          <LabelledField
            id="desk-password"
            label="Password"
            type="password"
            value={draft.password}
            onChange={set('password')}
            autoComplete="current-password"
          />
          <LabelledField
            id="desk-id"
            label="Desk id"
            value={draft.deskId}
            onChange={set('deskId')}
            placeholder="politics"
          />
        </Grid>
        <Text as="label" size="2">
          <Flex gap="2" align="center">
            <Checkbox checked={draft.ssl} onCheckedChange={(v) => set('ssl')(v === true)} />
            <LockClosedIcon aria-hidden /> Use TLS (encrypted connection, certificate checked)
          </Flex>
        </Text>
        {!draft.ssl && (
          <Callout.Root color="orange" highContrast size="1" data-testid="tls-off-warning">
            <Callout.Icon>
              <ExclamationTriangleIcon />
            </Callout.Icon>
            <Callout.Text>
              Without TLS your password and the desk’s stories cross the network unencrypted, readable by anyone on the
              way. Turn it off only for a desk on this computer (<code>npm run desk</code>) or one your IT says needs
              it.
            </Callout.Text>
          </Callout.Root>
        )}
        <Text as="p" size="1" color="gray">
          The password is kept with this computer’s encrypted storage (Keychain, Credential Manager or the Secret
          Service), never in a plain file; where there is none, it lasts until Factdesk closes.
        </Text>
        <ErrorCallout error={action.error} />
        {hint && (
          <Text as="p" size="1" data-testid="connect-hint">
            {hint}
          </Text>
        )}
        {action.error instanceof BridgeError && action.error.code === 'other_desk' && (
          <Button
            type="button"
            color="red"
            variant="soft"
            data-testid="detach-desk"
            onClick={() =>
              void action.run(async () => {
                await call('desk.detach', {})
                toasts.show({ message: 'Detached this library from its old desk.' })
              })
            }
          >
            Detach from the old desk
          </Button>
        )}
        <DialogFooter error={null} closeLabel="Cancel">
          <Button type="submit" loading={action.busy}>
            Connect
          </Button>
        </DialogFooter>
      </Flex>
    </form>
  )
}
