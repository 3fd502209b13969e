// Light or dark: follows the operating system unless the editor picks one in the header; the
// choice is kept on this computer (localStorage), as it is about this screen, not the desk.
import { DesktopIcon, MoonIcon, SunIcon } from '@radix-ui/react-icons'
import { DropdownMenu, IconButton, Theme, Tooltip } from '@radix-ui/themes'
import { createContext, useContext, useState, useSyncExternalStore } from 'react'
import { onOneOf } from './EnumSelect'

const appearanceChoices = ['system', 'light', 'dark'] as const
export type AppearanceChoice = (typeof appearanceChoices)[number]
const KEY = 'factdesk.appearance'
const choices: { value: AppearanceChoice; label: string }[] = [
  { value: 'system', label: 'Match the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' }
]

const AppearanceContext = createContext<{ choice: AppearanceChoice; choose(choice: AppearanceChoice): void } | null>(
  null
)

const stored = (): AppearanceChoice => {
  const value = window.localStorage.getItem(KEY)
  return value === 'light' || value === 'dark' ? value : 'system'
}

const darkQuery = (): MediaQueryList | undefined => window.matchMedia?.('(prefers-color-scheme: dark)')
const systemDark = (): boolean => darkQuery()?.matches ?? false
/** The OS preference as React reads it: a change between the first render and subscribing is not missed. */
const onSystemChange = (changed: () => void): (() => void) => {
  const query = darkQuery()
  query?.addEventListener('change', changed)
  return () => query?.removeEventListener('change', changed)
}

export function ThemedApp({ children }: { children: React.ReactNode }): React.JSX.Element {
  const [choice, setChoice] = useState<AppearanceChoice>(stored)
  const dark = useSyncExternalStore(onSystemChange, systemDark)
  const choose = (next: AppearanceChoice): void => {
    setChoice(next)
    if (next === 'system') window.localStorage.removeItem(KEY)
    else window.localStorage.setItem(KEY, next)
  }
  const appearance = choice === 'system' ? (dark ? 'dark' : 'light') : choice
  return (
    <AppearanceContext.Provider value={{ choice, choose }}>
      <Theme
        accentColor="indigo"
        grayColor="slate"
        radius="medium"
        scaling="95%"
        appearance={appearance}
        data-appearance={appearance}
      >
        {children}
      </Theme>
    </AppearanceContext.Provider>
  )
}

/** The header's switch: system, light or dark. */
export function AppearanceMenu(): React.JSX.Element | null {
  const context = useContext(AppearanceContext)
  if (!context) return null
  const Icon = context.choice === 'dark' ? MoonIcon : context.choice === 'light' ? SunIcon : DesktopIcon
  const label = choices.find((c) => c.value === context.choice)?.label ?? ''
  return (
    <DropdownMenu.Root>
      <Tooltip content="Light or dark">
        <DropdownMenu.Trigger>
          <IconButton variant="ghost" color="gray" aria-label={`Appearance: ${label}`}>
            <Icon />
          </IconButton>
        </DropdownMenu.Trigger>
      </Tooltip>
      <DropdownMenu.Content align="end">
        <DropdownMenu.RadioGroup value={context.choice} onValueChange={onOneOf(appearanceChoices, context.choose)}>
          {choices.map((c) => (
            <DropdownMenu.RadioItem key={c.value} value={c.value}>
              {c.label}
            </DropdownMenu.RadioItem>
          ))}
        </DropdownMenu.RadioGroup>
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  )
}
