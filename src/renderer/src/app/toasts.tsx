// Short notices at the bottom of the window; one may carry an action such as Undo.
import { Cross2Icon } from '@radix-ui/react-icons'
import { Button, Flex, IconButton, Text } from '@radix-ui/themes'
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react'

export interface ToastInput {
  message: string
  tone?: 'info' | 'error'
  action?: { label: string; run: () => void | Promise<void> }
}

interface Toast extends ToastInput {
  id: number
}

interface Toasts {
  show(toast: ToastInput): void
}

const ToastContext = createContext<Toasts | null>(null)

export function useToasts(): Toasts {
  const value = useContext(ToastContext)
  if (!value) throw new Error('useToasts outside ToastProvider')
  return value
}

const LIFETIME_MS = 10_000

export function ToastProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)
  const live = useRef<Toast[]>([])

  const dismiss = useCallback((id: number) => {
    live.current = live.current.filter((t) => t.id !== id)
    setToasts(live.current)
  }, [])

  const show = useCallback(
    (input: ToastInput) => {
      const toast = { ...input, id: next.current++ }
      live.current = [...live.current.slice(-3), toast]
      setToasts(live.current)
      window.setTimeout(() => dismiss(toast.id), input.tone === 'error' ? LIFETIME_MS * 2 : LIFETIME_MS)
    },
    [dismiss]
  )

  const act = useCallback(
    (toast: Toast) => {
      dismiss(toast.id)
      void toast.action?.run()
    },
    [dismiss]
  )

  const value = useMemo(() => ({ show }), [show])
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
        {toasts.map((t) => (
          <Flex
            key={t.id}
            className="toast"
            data-tone={t.tone ?? 'info'}
            role={t.tone === 'error' ? 'alert' : 'status'}
            align="center"
            gap="3"
          >
            <Text size="2">{t.message}</Text>
            {t.action && (
              <Button size="1" variant="soft" onClick={() => act(t)}>
                {t.action.label}
              </Button>
            )}
            <IconButton size="1" variant="ghost" color="gray" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              <Cross2Icon />
            </IconButton>
          </Flex>
        ))}
      </div>
    </ToastContext.Provider>
  )
}
