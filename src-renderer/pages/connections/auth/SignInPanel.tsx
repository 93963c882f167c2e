// Signing a connection in: "Sign in with <Provider>" asks the core to open the provider's page in the
// system browser (never a window of ours), then waits — with the address to open by hand, a Cancel,
// and for providers that cannot return to 127.0.0.1 (or a browser that did not) a field to paste the
// address the browser ended on. The client credentials grant needs no browser: "Get a token".
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconBrandOauth, IconCheck, IconCopy, IconKey } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { IntegrationDefinition } from '../../../../src-main/contract/definition-format.ts'
import type { AuthStatus, SignInStarted } from '../../../../src-main/contract/types.ts'
import { ApiError } from '../../../api/client.ts'
import { useClient } from '../../../api/context.tsx'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { useRefreshConnections } from '../queries.ts'
import { reasonOf, signInErrorTitle } from './errors.ts'
import { OAuthAppForm } from './OAuthAppForm.tsx'
import { SignedInSummary } from './SignedInSummary.tsx'

type Phase =
  | { kind: 'idle' }
  | { kind: 'waiting'; started: SignInStarted; pasting: boolean }
  | { kind: 'done'; status: AuthStatus }

function Countdown({ until }: { until: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const seconds = Math.max(0, Math.round((new Date(until).getTime() - now) / 1000))
  return (
    <Text size="xs" c="dimmed">
      Times out in {Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')}
    </Text>
  )
}

export function SignInPanel({
  connectionId,
  definition,
  status,
  onSignedIn,
  onCancel,
}: {
  connectionId: string
  definition: IntegrationDefinition
  status: AuthStatus
  /** After a successful sign-in (the panel shows the account and scopes until then unmounted). */
  onSignedIn?: (status: AuthStatus) => void
  /** Offered next to "Sign in" when the panel may be closed (Reconnect). */
  onCancel?: () => void
}) {
  const client = useClient()
  const refresh = useRefreshConnections()
  const provider = definition.name
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  const [pasted, setPasted] = useState('')
  const [pasteError, setPasteError] = useState<string | null>(null)
  const [changingApp, setChangingApp] = useState(false)
  // The attempt being waited for: results of any other (cancelled, replaced) are ignored.
  const attempt = useRef<string | null>(null)

  // Leaving the page while waiting cancels the attempt (and closes its listener).
  useEffect(
    () => () => {
      const id = attempt.current
      attempt.current = null
      if (id) client.auth.cancelSignIn({ attemptId: id }).catch(() => {})
    },
    [client],
  )

  const succeeded = (id: string) => async (result: AuthStatus) => {
    if (attempt.current !== id) return
    attempt.current = null
    setPhase({ kind: 'done', status: result })
    await refresh()
    onSignedIn?.(result)
  }
  const failed = (id: string) => (failure: unknown) => {
    if (attempt.current !== id) return
    attempt.current = null
    setPhase({ kind: 'idle' })
    setError(failure instanceof Error ? failure : new Error(String(failure)))
    void refresh()
  }

  const start = async () => {
    setError(null)
    setBusy(true)
    try {
      const started = await client.auth.startSignIn({ connectionId })
      attempt.current = started.attemptId
      setPasted('')
      setPasteError(null)
      setPhase({ kind: 'waiting', started, pasting: started.mode === 'paste' })
      client.auth
        .waitSignIn({ attemptId: started.attemptId })
        .then(succeeded(started.attemptId), failed(started.attemptId))
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }

  const cancel = async (started: SignInStarted) => {
    attempt.current = null
    setPhase({ kind: 'idle' })
    try {
      await client.auth.cancelSignIn({ attemptId: started.attemptId })
    } catch {
      // Already over (finished or timed out): nothing to cancel.
    }
  }

  const finishFromPaste = async (started: SignInStarted) => {
    if (!pasted.trim()) return setPasteError('Paste the whole address from the browser’s address bar.')
    setPasteError(null)
    setBusy(true)
    try {
      await succeeded(started.attemptId)(
        await client.auth.completeSignIn({ attemptId: started.attemptId, url: pasted.trim() }),
      )
    } catch (failure) {
      // A wrong address leaves the attempt waiting; anything else ended it.
      if (failure instanceof ApiError && failure.code === 'INVALID_ARGUMENT') setPasteError(failure.message)
      else failed(started.attemptId)(failure)
    } finally {
      setBusy(false)
    }
  }

  const getToken = async () => {
    setError(null)
    setBusy(true)
    try {
      const result = await client.auth.signInWithClientCredentials({ connectionId })
      setPhase({ kind: 'done', status: result })
      await refresh()
      onSignedIn?.(result)
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }

  if (!status.app || changingApp)
    return (
      <OAuthAppForm
        connectionId={connectionId}
        definition={definition}
        current={status.app}
        onSaved={() => setChangingApp(false)}
        {...(status.app ? { onCancel: () => setChangingApp(false) } : {})}
      />
    )

  if (phase.kind === 'done')
    return (
      <Alert color="teal" variant="light" icon={<IconCheck size={18} aria-hidden />} title="Signed in">
        <SignedInSummary status={phase.status} provider={provider} />
      </Alert>
    )

  if (phase.kind === 'waiting') {
    const { started, pasting } = phase
    return (
      <Paper withBorder p="md" radius="md" component="section" aria-label="Waiting for the browser">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Loader size="sm" aria-label="Waiting" />
            <Text fw={600}>Finish signing in in your browser</Text>
          </Group>
          <Text size="sm">
            {provider}’s sign-in page opens in your browser. If it did not, open this address there:
          </Text>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Anchor
              href={started.authorizationUrl}
              target="_blank"
              rel="noreferrer"
              size="xs"
              ff="monospace"
              aria-label="Authorization URL"
              style={{ wordBreak: 'break-all' }}
            >
              {started.authorizationUrl}
            </Anchor>
            <CopyButton value={started.authorizationUrl}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the address'} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label="Copy the address"
                  >
                    {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Countdown until={started.expiresAt} />
          {pasting ? (
            <Stack gap={6}>
              <Text size="sm">
                {started.mode === 'paste' && `${provider} cannot send the browser back to Switchboard. `}
                After signing in, copy the address the browser ends on (it starts with{' '}
                <Code>{started.redirectUri}</Code>) and paste it here.
              </Text>
              <Group gap="xs" align="flex-start">
                <TextInput
                  label="Address from the browser"
                  placeholder={`${started.redirectUri}?code=…`}
                  value={pasted}
                  error={pasteError}
                  onChange={(event) => setPasted(event.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button mt={25} onClick={() => void finishFromPaste(started)} loading={busy}>
                  Finish
                </Button>
              </Group>
            </Stack>
          ) : (
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="left"
              onClick={() => setPhase({ ...phase, pasting: true })}
            >
              The browser didn’t come back? Paste the address
            </Anchor>
          )}
          <Group>
            <Button variant="default" onClick={() => void cancel(started)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </Paper>
    )
  }

  const clientCredentials = status.grantType === 'client_credentials'
  return (
    <Stack gap="sm" align="flex-start">
      {error && reasonOf(error) !== 'cancelled' && (
        <ErrorAlert title={signInErrorTitle(error)} error={error} />
      )}
      {error && reasonOf(error) === 'cancelled' && (
        <Text size="sm" c="dimmed">
          {error.message}
        </Text>
      )}
      <Group gap="xs">
        {clientCredentials ? (
          <Button
            leftSection={<IconKey size={16} aria-hidden />}
            onClick={() => void getToken()}
            loading={busy}
          >
            Get a token
          </Button>
        ) : (
          <Button
            leftSection={<IconBrandOauth size={16} aria-hidden />}
            onClick={() => void start()}
            loading={busy}
          >
            Sign in with {provider}
          </Button>
        )}
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        With the app <Code>{status.app.clientId}</Code>
        {status.app.source === 'connection'
          ? ' (this connection’s)'
          : status.app.source === 'secrets'
            ? ' (from the connection’s credentials)'
            : ` (for all ${provider} connections)`}
        {status.app.source !== 'secrets' && (
          <>
            {' · '}
            <Anchor component="button" type="button" size="xs" onClick={() => setChangingApp(true)}>
              Change app
            </Anchor>
          </>
        )}
      </Text>
    </Stack>
  )
}
