// Routes the application menu's commands (events.ts `menu.command`) to whoever handles them.
// Import, export and package commands belong to the import/export work (issues 5 and 6): add their
// handlers to `handlers` in App.tsx; until then the app says they are not available yet.
import type { EventPayload } from '../../../shared/contract'

export type MenuCommand = EventPayload<'menu.command'>['command']

export type MenuHandlers = Partial<Record<MenuCommand, () => void>>

export function routeMenuCommand(command: MenuCommand, handlers: MenuHandlers, unavailable: (command: MenuCommand) => void): void {
  const handler = handlers[command]
  if (handler) handler()
  else unavailable(command)
}
