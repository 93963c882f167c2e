// What the MCP server asks of the person, never of the assistant: confirming a production write or
// delete in the running app's dialog, and opening the vault — by the running app (which hands over
// the key it holds) or, without it, by the passphrase typed into the operating system's own prompt.
// The vault is opened on the first call that needs it, not at start-up: an assistant starts its
// servers when it starts, and a dialog should appear when one is used.
import type { Core } from '../core/index.ts'
import type { McpCallToConfirm, McpConfirmation } from '../core/mcp/tools.ts'
import { askApp, defaultAnswerMs, type Requester } from '../hosting/app-channel.ts'
import { askPassphrase } from '../hosting/os-prompt.ts'

const argumentsLimit = 2_000
/** After the person said no, calls in the next moments do not ask again (an assistant retries at once). */
const declinedPauseMs = 30_000

export interface AppRequestsOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  clientName: string
  stderr(text: string): void
  answerMs?: number
}

const argumentsText = (args: unknown): string => {
  const full = JSON.stringify(args, null, 2) ?? '{}'
  return full.length > argumentsLimit ? `${full.slice(0, argumentsLimit)}\n… (cut)` : full
}

export function createAppRequests(core: Core, options: AppRequestsOptions) {
  const answerMs = options.answerMs ?? defaultAnswerMs
  const requester: Requester = { pid: process.pid, purpose: `the MCP server for ${options.clientName}` }
  const say = (text: string) => options.stderr(`switchboard mcp: ${text}\n`)

  const confirm = async ({
    tool,
    clientName,
    arguments: args,
  }: McpCallToConfirm): Promise<McpConfirmation> => {
    try {
      const reply = await askApp(options.dataDir, {
        kind: 'confirm-call',
        requester,
        answerMs,
        call: {
          clientName,
          connectionId: tool.connectionId,
          integrationName: tool.integrationName,
          environment: tool.environment,
          methodId: tool.methodId,
          methodName: tool.title,
          kind: tool.kind,
          argumentsText: argumentsText(args),
        },
      })
      if (reply.answer === 'confirmed') return { answer: 'confirmed' }
      if (reply.answer === 'declined') return { answer: 'declined', reason: reply.reason }
      return { answer: 'no-one-to-ask' }
    } catch (error) {
      // The app is there but the exchange failed: a write on production does not run unconfirmed.
      return {
        answer: 'declined',
        reason: `Switchboard could not ask: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
  }

  const byApp = async (): Promise<'opened' | 'declined' | 'not-by-app'> => {
    try {
      const reply = await askApp(options.dataDir, { kind: 'open-vault', requester, answerMs })
      if (reply.answer === 'granted') {
        const key = Buffer.from(reply.key, 'base64')
        try {
          core.vault.unlockWithKey(key)
        } finally {
          key.fill(0)
        }
        say('the vault was opened by the Switchboard app.')
        return 'opened'
      }
      if (reply.answer === 'declined') {
        say(`the app did not open the vault: ${reply.reason}.`)
        return 'declined'
      }
      if (reply.answer === 'locked')
        say('the app is running with its vault locked: unlock it there, or type the passphrase.')
      return 'not-by-app'
    } catch (error) {
      say(
        `could not ask the app to open the vault: ${error instanceof Error ? error.message : String(error)}`,
      )
      return 'not-by-app'
    }
  }

  const byPrompt = async (): Promise<boolean> => {
    if (!core.vault.status().passphraseSet) {
      say('the vault opens only with the app’s OS keyring: start Switchboard and allow the server there.')
      return false
    }
    const passphrase = await askPassphrase(
      `Vault passphrase for ${requester.purpose}`,
      options.env,
      (problem) => say(problem),
    )
    if (passphrase === null) return false
    try {
      await core.vault.unlock(passphrase)
      say('the vault was opened with the passphrase.')
      return true
    } catch (error) {
      say(`the vault stays locked: ${error instanceof Error ? error.message : String(error)}`)
      return false
    }
  }

  let opening: Promise<void> | null = null
  let declinedAt = Number.NEGATIVE_INFINITY

  /** Opens a locked vault before a call: the app first, then the OS prompt. One attempt at a time. */
  const openVault = (): Promise<void> => {
    // isUnlocked first: status() reads the key slots, and this runs before every call.
    if (core.vault.isUnlocked() || core.vault.status().state !== 'locked') return Promise.resolve()
    if (performance.now() - declinedAt < declinedPauseMs) return Promise.resolve()
    opening ??= (async () => {
      const app = await byApp()
      if (app === 'opened') return
      if (app === 'declined' || !(await byPrompt())) declinedAt = performance.now()
    })().finally(() => {
      opening = null
    })
    return opening
  }

  return { confirm, openVault }
}

export type AppRequests = ReturnType<typeof createAppRequests>
