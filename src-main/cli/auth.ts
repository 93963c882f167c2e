// `switchboard auth app set | login | status | logout`: sign-in and credentials from the command line.
import type { Command } from 'commander'
import type { AuthStatus } from '../contract/types.ts'
import type { CliContext } from './context.ts'
import { printFields, printJson } from './io.ts'
import { openInBrowser } from './open-browser.ts'
import { readStdin } from './stdin.ts'
import { unlockVault } from './vault-access.ts'

function describeStatus(status: AuthStatus): [string, string][] {
  return [
    ['Connection', status.connectionId],
    ['Auth', `${status.authType}${status.grantType ? ` (${status.grantType})` : ''}`],
    [
      'Signed in',
      status.signInNeeded
        ? 'no — sign-in needed'
        : status.signedIn
          ? `yes${status.account ? ` as ${status.account}` : ''}`
          : 'no',
    ],
    ...(status.expiresAt ? [['Token expires', status.expiresAt] as [string, string]] : []),
    ...(status.grantedScopes.length
      ? [['Scopes granted', status.grantedScopes.join(' ')] as [string, string]]
      : []),
    ...(status.missingScopes.length
      ? [['Scopes missing', status.missingScopes.join(' ')] as [string, string]]
      : []),
    ...(status.app
      ? [
          [
            'OAuth app',
            `${status.app.clientId} (${status.app.source}${status.app.hasSecret ? ', with secret' : ''})`,
          ] as [string, string],
        ]
      : []),
  ]
}

export function registerAuth(program: Command, context: () => CliContext): void {
  const auth = program.command('auth').description('Sign in to connections and manage your OAuth apps')
  const app = auth
    .command('app')
    .description('Your OAuth apps (client id and secret), per integration or per connection')

  app
    .command('set <integrationId>')
    .description(
      "Register your OAuth app for an integration (or one connection, overriding the integration's)",
    )
    .requiredOption('--client-id <id>', 'the OAuth client id')
    .option('--client-secret-stdin', 'read the client secret from standard input (confidential clients)')
    .option('--connection <connectionId>', 'only for this connection')
    .option(
      '--redirect-uri <uri>',
      'a registered non-loopback redirect URI: sign-in then asks you to paste the final URL',
    )
    .option('--json', 'print the app as JSON')
    .action(
      async (
        integrationId: string,
        options: {
          clientId: string
          clientSecretStdin?: boolean
          connection?: string
          redirectUri?: string
          json?: boolean
        },
      ) => {
        const { io, core } = context()
        const clientSecret = options.clientSecretStdin ? (await readStdin('client secret')).trim() : undefined
        await unlockVault(core(), io)
        const view = core().auth.apps.set({
          integrationId,
          clientId: options.clientId,
          ...(options.connection ? { connectionId: options.connection } : {}),
          ...(clientSecret ? { clientSecret } : {}),
          ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}),
        })
        if (options.json) printJson(io, view)
        else
          io.stdout(
            `OAuth app for ${integrationId}${view.connectionId ? ` (${view.connectionId})` : ''}: ${view.clientId}${view.hasSecret ? `, secret ${view.secretHint}` : ''}\n`,
          )
      },
    )

  auth
    .command('login <connectionId>')
    .description('Sign in in your browser; waits for the redirect and exits 0 when signed in')
    .option('--no-open', 'only print the sign-in URL')
    .action(async (connectionId: string, options: { open: boolean }) => {
      const { io, core } = context()
      await unlockVault(core(), io)
      const status = core().auth.status(connectionId)
      if (status.grantType === 'client_credentials') {
        const result = await core().auth.signInWithClientCredentials(connectionId)
        printFields(io, describeStatus(result))
        return
      }
      const started = await core().auth.signIn.start(connectionId, { openUrl: async () => {}, open: false })
      started.done.catch(() => {})
      io.stderr(`Sign in at:\n  ${started.authorizationUrl}\n`)
      if (options.open && !(await openInBrowser(started.authorizationUrl)))
        io.stderr('(could not open a browser: open the URL yourself)\n')
      let result: AuthStatus
      if (started.mode === 'paste') {
        io.stderr(
          `After signing in, paste the address your browser ends on (it starts with ${started.redirectUri}):\n`,
        )
        result = await core().auth.signIn.completeFromPastedUrl(
          started.attemptId,
          (await readStdin('final URL')).trim(),
        )
      } else {
        io.stderr(`Waiting for the browser (until ${started.expiresAt})…\n`)
        result = await started.done
      }
      printFields(io, describeStatus(result))
    })

  auth
    .command('status <connectionId>')
    .description('How a connection signs in: scopes, expiry, account (never a token)')
    .option('--json', 'print as JSON')
    .action((connectionId: string, options: { json?: boolean }) => {
      const { io, core } = context()
      const status = core().auth.status(connectionId)
      if (options.json) printJson(io, status)
      else printFields(io, describeStatus(status))
    })

  auth
    .command('logout <connectionId>')
    .description('Revoke the tokens at the provider, then delete them here (whatever the provider says)')
    .action(async (connectionId: string) => {
      const { io, core } = context()
      await unlockVault(core(), io)
      const result = await core().auth.disconnect(connectionId)
      io.stdout(
        result.revocationSupported
          ? result.revoked
            ? `signed out of ${connectionId}: tokens revoked and deleted\n`
            : `signed out of ${connectionId}: tokens deleted here, but revocation failed: ${result.error}\n`
          : `signed out of ${connectionId}: tokens deleted (${result.error ?? 'the provider offers no revocation'})\n`,
      )
      if (result.revocationSupported && !result.revoked) process.exitCode = 1
    })
}
