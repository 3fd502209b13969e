import './radix.css'
import './contrast.css'
import './styles.css'
import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { ThemedApp } from './app/appearance'
import { ErrorBoundary, FatalScreen } from './app/FatalScreen'
import { firstCallsAnswered, sendFirstCalls } from './app/first-calls'
import { defaultLogFile, startupCheck } from './app/startup'

const element = document.getElementById('root')
if (!element) throw new Error('The page has no #root element')
const root = createRoot(element)
const render = (node: ReactNode): void =>
  root.render(
    <StrictMode>
      <ThemedApp>{node}</ThemedApp>
    </StrictMode>
  )

// The library and its first rows are asked for now, beside the startup check (app/first-calls.ts).
sendFirstCalls()
// Never a blank window: the bridge and main are checked before the app renders, and a render error
// shows what went wrong and where the log is. The app renders once the first calls are answered too, so its first
// render holds the library screen with its rows (one commit; main answers app.info only once the library is open).
void startupCheck().then(async (result) => {
  if (!result.ok) {
    render(<FatalScreen fatal={result.problem} logFile={defaultLogFile()} />)
    return
  }
  await firstCallsAnswered()
  const logFile = result.info.logFile ?? defaultLogFile()
  const report = (error: { message: string; stack: string | null; where: string }): void => {
    void window.factdesk.app.reportError(error).catch(() => undefined)
  }
  render(
    <ErrorBoundary logFile={logFile} onError={report}>
      <App />
    </ErrorBoundary>
  )
})
