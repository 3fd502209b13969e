// What the window shows instead of going blank: what went wrong, where the log is, how to report
// it. Used by the startup check (no bridge, no answer from main) and the render error boundary.
import { Box, Button, Callout, Code, Flex, Heading, Text, TextArea } from '@radix-ui/themes'
import { Component, type ErrorInfo, type ReactNode } from 'react'
import type { StartupProblem } from './startup'

export type Fatal = StartupProblem | { kind: 'render'; message: string; stack: string | null }

const headline: Record<Fatal['kind'], string> = {
  'no-bridge': 'Factdesk could not start: the window cannot reach the app.',
  'no-main': 'Factdesk could not start: the app is not answering.',
  render: 'Something on this screen failed.'
}

const explanation = (fatal: Fatal): string => {
  switch (fatal.kind) {
    case 'no-bridge':
      return 'The connection between this window and Factdesk’s main process (its preload bridge) did not load, so nothing can be read or saved. Your library on disk has not been touched.'
    case 'no-main':
      return `The window reached Factdesk’s main process but got no usable answer. ${fatal.detail} Nothing was changed in your library.`
    case 'render':
      return `The screen stopped with an error: ${fatal.message}. Everything you saved before this is in your library; reload the window to continue.`
  }
}

export function FatalScreen({ fatal, logFile }: { fatal: Fatal; logFile: string }): React.JSX.Element {
  const details = [
    headline[fatal.kind],
    explanation(fatal),
    fatal.kind === 'render' && fatal.stack ? fatal.stack : '',
    `Log file: ${logFile}`,
    `Browser: ${navigator.userAgent}`
  ]
    .filter(Boolean)
    .join('\n\n')
  return (
    <Flex role="alert" direction="column" gap="4" p="6" maxWidth="760px" mx="auto" data-testid="fatal-screen">
      <Heading as="h1" size="6">
        {headline[fatal.kind]}
      </Heading>
      <Text as="p" size="3">
        {explanation(fatal)}
      </Text>
      <Callout.Root color="gray" variant="surface">
        <Callout.Text>
          The log is in <Code>{logFile}</Code>. To report this, send that file and the details below to whoever supports
          Factdesk at your desk, with a line on what you were doing.
        </Callout.Text>
      </Callout.Root>
      <Box>
        <Text as="label" size="2" weight="medium" htmlFor="fatal-details">
          Details to include in a report
        </Text>
        <TextArea id="fatal-details" readOnly value={details} rows={8} mt="1" />
      </Box>
      <Flex gap="3">
        <Button onClick={() => window.location.reload()}>Reload window</Button>
      </Flex>
    </Flex>
  )
}

interface BoundaryProps {
  logFile: string
  onError(report: { message: string; stack: string | null; where: string }): void
  children: ReactNode
}

/** Catches a render error anywhere below it, reports it to main's log and shows the fatal screen. */
export class ErrorBoundary extends Component<BoundaryProps, { fatal: Fatal | null }> {
  override state: { fatal: Fatal | null } = { fatal: null }

  static getDerivedStateFromError(error: unknown): { fatal: Fatal } {
    const message = error instanceof Error ? error.message : String(error)
    return { fatal: { kind: 'render', message, stack: error instanceof Error ? (error.stack ?? null) : null } }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const message = error instanceof Error ? error.message : String(error)
    const stack =
      [error instanceof Error ? error.stack : null, info.componentStack].filter(Boolean).join('\n').slice(0, 8000) ||
      null
    this.props.onError({ message: message.slice(0, 2000), stack, where: 'the window' })
  }

  override render(): ReactNode {
    return this.state.fatal ? (
      <FatalScreen fatal={this.state.fatal} logFile={this.props.logFile} />
    ) : (
      this.props.children
    )
  }
}
