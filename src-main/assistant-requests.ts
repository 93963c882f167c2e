// The app's answers to the MCP server (hosting/app-channel.ts): native dialogs, so that the person —
// not the assistant, and not a page the assistant could draw — says yes to a production write or
// to handing the vault over. Cancel is the default button and what Escape picks; a dialog nobody
// answers closes when the asker gives up.
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron'
import type { Vault } from './core/vault/vault.ts'
import type { ChannelHandlers } from './hosting/app-channel.ts'

export interface AssistantRequestsDeps {
  dialog: Pick<Dialog, 'showMessageBox'>
  window(): BrowserWindow | undefined
  vault(): Vault | undefined
}

const kindWords = { read: 'read', write: 'change', delete: 'delete' } as const

export function assistantRequests(deps: AssistantRequestsDeps): ChannelHandlers {
  const ask = async (options: MessageBoxOptions, signal: AbortSignal): Promise<boolean> => {
    const window = deps.window()
    const full = {
      ...options,
      buttons: ['Cancel', options.buttons?.[1] ?? 'Allow'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
      signal,
    }
    const { response } = window
      ? await deps.dialog.showMessageBox(window, full)
      : await deps.dialog.showMessageBox(full)
    return response === 1 && !signal.aborted
  }

  return {
    confirmCall: ({ call, requester }, signal) =>
      ask(
        {
          type: 'warning',
          title: 'An AI assistant wants to change production data',
          message: `${call.methodName} on ${call.integrationName} (${call.environment}) for ${call.clientName}?`,
          detail:
            `The assistant, through ${requester.purpose} (process ${requester.pid}), asks to ${kindWords[call.kind]} ` +
            `data with ${call.methodId} on connection ${call.connectionId}.\n\nArguments:\n${call.argumentsText}`,
          buttons: ['Cancel', call.kind === 'delete' ? 'Delete on production' : 'Run on production'],
        },
        signal,
      ),
    openVault: async ({ requester }, signal) => {
      const vault = deps.vault()
      if (!vault?.isUnlocked()) return 'locked'
      const allowed = await ask(
        {
          type: 'question',
          title: 'Open the vault for an AI assistant?',
          message: `Let ${requester.purpose} use your vault?`,
          detail:
            `Process ${requester.pid} asks for the vault's key, to call its client's connections with their stored ` +
            'credentials. The credentials stay on this computer: the assistant sees only the results. ' +
            'Allow only if you started an assistant with Switchboard.',
          buttons: ['Cancel', 'Allow'],
        },
        signal,
      )
      // Locked while the dialog was open: nothing to hand over.
      return allowed && vault.isUnlocked() ? vault.keyForHandOver() : null
    },
  }
}
