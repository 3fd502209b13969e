// Locks down every web contents the app creates: no navigation away, no new windows, no
// permissions, no webviews. Links the user clicks go to the system browser when they are http(s).
import { app, session, shell, type WebContents } from 'electron'
import { externalUrl } from '../platform'

export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl))
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
  })
}

function hardenContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return
    event.preventDefault()
    openOutside(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
}

function openOutside(url: string): void {
  const safe = externalUrl(url)
  if (safe) void shell.openExternal(safe)
}
