// The app shell: loads the library, shows the library screen or a story, and hosts the dialogs
// every screen can open (who you are, shortcuts, new story).
import { GearIcon, KeyboardIcon } from '@radix-ui/react-icons'
import { Callout, Flex, IconButton, Spinner, Text, Tooltip } from '@radix-ui/themes'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EventPayload } from '../../shared/contract'
import { call, onEvent } from './api'
import { AppearanceMenu } from './app/appearance'
import { LibraryContextProvider, useReport } from './app/library-context'
import { EditorDialog, EditorMenu } from './app/EditorPicker'
import { keepFocus } from './app/focus-return'
import { lazyDialog, lazyView } from './app/lazy'
import { Notices } from './app/Notices'
import { ToastProvider, useToasts } from './app/toasts'
import { UndoProvider, useUndo } from './app/undo'
import { StoreProvider, useLibrary, useStore } from './app/use-store'
import { acceptsSingleKeys, isTypingTarget } from './annotate/keymap'
import { LibraryScreen } from './library/LibraryScreen'
import { ConnectDeskButton } from './sync/ConnectDeskButton'
import { DeskSyncProvider, type DeskSyncActions } from './sync/desk-sync'
import { DeskStatusLine } from './sync/DeskStatusLine'
import { TransferProvider, type Transfer } from './transfer/TransferProvider'

/** A story, and the claim to open in it (a sync conflict's, say); each `visit` opens the story afresh with that claim. */
// Not on the first screen: loaded when first needed (app/lazy.tsx).
const StoryView = lazyView(
  () => import('./story/StoryView').then((m) => m.StoryView),
  <Flex align="center" justify="center" p="6">
    <Spinner />
  </Flex>
)
const SettingsDialog = lazyDialog(() => import('./settings/SettingsDialog').then((m) => m.SettingsDialog))
const ShortcutsSheet = lazyDialog(() => import('./app/ShortcutsSheet').then((m) => m.ShortcutsSheet))
const NewStoryDialog = lazyDialog(() => import('./library/NewStoryDialog').then((m) => m.NewStoryDialog))

type Route = { name: 'library' } | { name: 'story'; id: string; claimId?: string; visit?: number }

export function App(): React.JSX.Element {
  return (
    <ToastProvider>
      <UndoProvider>
        <StoreProvider>
          <Shell />
        </StoreProvider>
      </UndoProvider>
    </ToastProvider>
  )
}

function Shell(): React.JSX.Element {
  const toasts = useToasts()
  const history = useUndo()
  const [route, setRoute] = useState<Route>({ name: 'library' })
  const [editorOpen, setEditorOpen] = useState(false)
  const [addingEditor, setAddingEditor] = useState(false)
  // The action that found no editor, run again once one is chosen (never on cancel).
  const afterEditor = useRef<(() => void) | null>(null)
  const askEditor = useCallback((retry?: () => void) => {
    afterEditor.current = retry ?? null
    setAddingEditor(false)
    setEditorOpen(true)
  }, [])
  const addEditor = useCallback(() => {
    afterEditor.current = null
    setAddingEditor(true)
    setEditorOpen(true)
  }, [])
  const lib = useLibrary(useReport(askEditor))
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const [newStoryOpen, setNewStoryOpen] = useState(false)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const transfer = useRef<Transfer | null>(null)
  // The story is asked of main as the window goes to it, not once its view has rendered (store.prefetch).
  const store = useStore()
  const openStory = useCallback(
    (id: string) => {
      store.prefetch(id)
      setRoute({ name: 'story', id })
    },
    [store]
  )
  const deskSync = useRef<DeskSyncActions | null>(null)
  const openClaim = useCallback(
    (id: string, claimId: string | null) => {
      store.prefetch(id)
      setRoute({ name: 'story', id, claimId: claimId ?? undefined, visit: Date.now() })
    },
    [store]
  )
  const storyOnScreen = route.name === 'story' ? route.id : null
  const openLibraryScreen = useCallback(() => setRoute({ name: 'library' }), [])
  const reload = lib.reload

  useEffect(() => {
    // Every command of the application menu (events.ts), so a new one cannot go unhandled.
    const handlers: Record<EventPayload<'menu.command'>['command'], () => void> = {
      'import-file': () => transfer.current?.openImport('file'),
      'import-url': () => transfer.current?.openImport('url'),
      'import-package': () => transfer.current?.importPackage(),
      export: () =>
        transfer.current?.openExport(storyOnScreen ? { storyIds: [storyOnScreen], scope: 'story' } : undefined),
      settings: () => setSettingsOpen(true),
      'connect-desk': () => deskSync.current?.openConnect(),
      'open-library': () => {
        call('library.open', {})
          .then(() => {
            setRoute({ name: 'library' })
            reload()
          })
          .catch((e: unknown) => toasts.show({ tone: 'error', message: e instanceof Error ? e.message : String(e) }))
      },
      'new-story': () => setNewStoryOpen(true),
      shortcuts: () => setShortcutsOpen(true),
      undo: () => history.fromMenu('undo'),
      redo: () => history.fromMenu('redo')
    }
    return onEvent('menu.command', ({ command }) => handlers[command]())
  }, [reload, toasts, storyOnScreen, history])

  // A focused button that its own action removes (Confirm, Delete) hands focus on, never to <body>.
  useEffect(() => keepFocus(), [])

  const shortcuts = lib.library?.settings.shortcuts
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (
        !shortcuts?.singleKeys ||
        e.key !== shortcuts.keys.help ||
        isTypingTarget(e.target) ||
        !acceptsSingleKeys(e.target, e.key)
      )
        return
      if (document.querySelector('[role="dialog"]')) return
      e.preventDefault()
      setShortcutsOpen(true)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [shortcuts])

  if (!lib.library) {
    return (
      <Flex align="center" justify="center" height="100%" gap="3">
        {lib.error ? (
          <Callout.Root color="red" role="alert">
            <Callout.Text>The library could not be opened: {lib.error}</Callout.Text>
          </Callout.Root>
        ) : (
          <>
            <Spinner /> <Text color="gray">Opening the library…</Text>
          </>
        )}
      </Flex>
    )
  }

  return (
    <LibraryContextProvider library={lib.library} editLibrary={lib.edit} askEditor={askEditor}>
      <DeskSyncProvider libraryPath={lib.library.path} onOpenClaim={openClaim} actionsRef={deskSync}>
        <TransferProvider onOpenStory={openStory} actionsRef={transfer}>
          <div className="app">
            <header className="app-header">
              <Flex align="center" gap="3">
                <button
                  type="button"
                  className="brand"
                  onClick={openLibraryScreen}
                  aria-label="Factdesk: back to the library"
                >
                  <span className="brand-mark" aria-hidden>
                    ✓
                  </span>
                  Factdesk
                </button>
              </Flex>
              <Flex align="center" gap="3">
                <ConnectDeskButton />
                <Tooltip content="Keyboard shortcuts (?)">
                  <IconButton
                    variant="ghost"
                    color="gray"
                    aria-label="Keyboard shortcuts"
                    onClick={() => setShortcutsOpen(true)}
                  >
                    <KeyboardIcon />
                  </IconButton>
                </Tooltip>
                <Tooltip content="Desk settings">
                  <IconButton
                    variant="ghost"
                    color="gray"
                    aria-label="Desk settings"
                    onClick={() => setSettingsOpen(true)}
                  >
                    <GearIcon />
                  </IconButton>
                </Tooltip>
                <AppearanceMenu />
                <EditorMenu onAddEditor={addEditor} />
              </Flex>
            </header>
            <Notices notices={lib.notices} readOnly={lib.library.readOnly} onDismiss={lib.dismissNotice} />
            <main className="app-main" tabIndex={-1} data-focus-home data-single-keys>
              {route.name === 'library' ? (
                <LibraryScreen
                  key={lib.library.path}
                  onOpen={openStory}
                  onOpenClaim={openClaim}
                  onNewStory={() => setNewStoryOpen(true)}
                />
              ) : (
                <StoryView
                  key={`${route.id}:${route.visit ?? ''}`}
                  storyId={route.id}
                  claimId={route.claimId}
                  onBack={openLibraryScreen}
                />
              )}
            </main>
            <DeskStatusLine />
          </div>
          <EditorDialog
            open={editorOpen}
            adding={addingEditor}
            onOpenChange={(open) => {
              if (!open) afterEditor.current = null
              setEditorOpen(open)
            }}
            onPicked={() => {
              const retry = afterEditor.current
              afterEditor.current = null
              setEditorOpen(false)
              retry?.()
            }}
          />
          <ShortcutsSheet open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
          <NewStoryDialog open={newStoryOpen} onOpenChange={setNewStoryOpen} onCreated={openStory} />
          <SettingsDialog open={settingsOpen} onOpenChange={setSettingsOpen} />
        </TransferProvider>
      </DeskSyncProvider>
    </LibraryContextProvider>
  )
}
