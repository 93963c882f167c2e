// `switchboard mcp` (the built CLI, spawned as an assistant launches it) asking the running app:
// the vault kept by the OS keyring alone is opened by the app's key after the person allowed it,
// production writes wait for the person's yes in a native dialog, and without the app the vault opens
// through the system's passphrase prompt. The app here is the shell's real answering module
// (assistant-requests.ts) over the real channel, with a core holding the keyring; only Electron's
// dialog.showMessageBox is a recording stand-in (Electron cannot run here).
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { Dialog, MessageBoxOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assistantRequests } from '../../src-main/assistant-requests.ts'
import { serveAppChannel, type AppChannel } from '../../src-main/hosting/app-channel.ts'
import { crmDefinition, passphrase, stdioPeer, type StdioPeer } from '../support/mcp.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'
import { memoryKeyring } from '../support/keyring.ts'

const secret = 'sk_live_app_channel_planted_4d2e'
const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n')

/** Electron's showMessageBox as a recording: answers with the next response, or waits to be closed. */
function recordingDialog() {
  const boxes: MessageBoxOptions[] = []
  const responses: (number | 'wait')[] = []
  const showMessageBox = async (...args: unknown[]) => {
    const options = args.at(-1) as MessageBoxOptions
    boxes.push(options)
    const response = responses.shift() ?? 0
    if (response !== 'wait') return { response, checkboxChecked: false }
    // Electron closes a box whose signal aborts, answering with its cancelId.
    return new Promise<{ response: number; checkboxChecked: boolean }>((resolve) =>
      options.signal?.addEventListener('abort', () =>
        resolve({ response: options.cancelId ?? 0, checkboxChecked: false }),
      ),
    )
  }
  return { boxes, responses, dialog: { showMessageBox } as unknown as Pick<Dialog, 'showMessageBox'> }
}

let provider: Provider
const everything: string[] = []

beforeAll(async () => {
  provider = await startProvider()
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 3 }))
  provider.route('POST', '/kind1/items/a1', json(200, { id: 'a1', value: 9 }))
}, 60_000)

afterAll(async () => {
  await provider.close()
  for (const message of everything) expect(message).not.toContain(secret)
})

describe('with the app running: a vault kept by the OS keyring alone', () => {
  let dataDir = ''
  let app: TempCore
  let channel: AppChannel
  let peer: StdioPeer
  const screen = recordingDialog()
  const posts = () => provider.seen.filter((s) => s.method === 'POST').length

  beforeAll(async () => {
    dataDir = tempDir('switchboard-mcp-app-')
    app = createTempCore({ dataDir, keyProtector: memoryKeyring(), hostKind: 'app' })
    await app.core.vault.setup()
    app.core.clients.create({ name: 'Acme' })
    const definition = crmDefinition(provider.url)
    await app.core.definitions.importFiles([{ name: 'acmecrm.json', content: JSON.stringify(definition) }])
    app.core.connections.create({
      clientId: 'acme',
      integrationId: 'acmecrm',
      environment: 'production',
      secrets: { apiKey: secret },
    })
    channel = await serveAppChannel(
      dataDir,
      assistantRequests({ dialog: screen.dialog, window: () => undefined, vault: () => app.core.vault }),
    )
    // No passphrase anywhere: an assistant's config holds none.
    peer = await stdioPeer(
      dataDir,
      ['--client', 'acme', '--allow-production-writes', '--answer-ms', '2000'],
      {},
    )
  }, 60_000)

  afterAll(async () => {
    everything.push(...peer.log, peer.stderr())
    await peer.close()
    await channel.close()
    app.dispose()
  })

  it('the first call asks the app, which asks the person, and hands its key over once allowed', async () => {
    expect(peer.stderr()).toMatch(/the vault is locked; the first tool call asks the Switchboard app/)
    screen.responses.push(1)
    const read = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get0',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(read.isError).toBeFalsy()
    expect(read.structuredContent).toEqual({ id: 'a1', value: 3 })
    expect(provider.seen.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`)
    expect(screen.boxes).toHaveLength(1)
    expect(screen.boxes[0]).toMatchObject({
      type: 'question',
      message: 'Let the MCP server for Acme use your vault?',
      buttons: ['Cancel', 'Allow'],
      defaultId: 0,
      cancelId: 0,
    })
    const unlocked = app.core.audit
      .list({ limit: 20 })
      .events.find((e) => e.action === 'vault.unlocked' && e.host === 'mcp')
    expect(unlocked?.details).toEqual({ via: 'app' })
    // Open now: the next call asks nothing about the vault.
    await peer.client.callTool({ name: 'acmecrm_prod_items_get0', arguments: { itemId: 'a1' } })
    expect(screen.boxes).toHaveLength(1)
  }, 60_000)

  it('a production write waits for the person: declined, nothing is sent; confirmed, it runs', async () => {
    const before = posts()
    screen.responses.push(0)
    const declined = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get1',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(declined.isError).toBe(true)
    expect(text(declined)).toBe('Not run: declined in Switchboard. Nothing was sent to Service acmecrm.')
    expect(posts()).toBe(before)
    const box = screen.boxes.at(-1)
    expect(box).toMatchObject({
      type: 'warning',
      title: 'An AI assistant wants to change production data',
      buttons: ['Cancel', 'Run on production'],
      defaultId: 0,
      cancelId: 0,
    })
    expect(box?.message).toMatch(/on Service acmecrm \(production\) for Acme\?$/)
    expect(box?.detail).toMatch(/items\.get1 on connection conn_acmecrm_acme_production/)
    expect(box?.detail).toContain('"itemId": "a1"')

    screen.responses.push(1)
    const confirmed = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get1',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(confirmed.isError).toBeFalsy()
    expect(confirmed.structuredContent).toEqual({ id: 'a1', value: 9 })
    expect(posts()).toBe(before + 1)

    const events = app.core.audit.list({ limit: 20 }).events
    expect(events.find((e) => e.action === 'mcp.refused')?.details).toMatchObject({
      reason: 'declined-in-app',
      methodId: 'items.get1',
    })
    expect(
      events.find((e) => e.action === 'mcp.call' && e.details?.methodId === 'items.get1')?.details,
    ).toMatchObject({
      status: 'success',
      confirmation: 'app',
    })
  }, 60_000)

  it('invalid arguments are refused without asking anyone; an unanswered question is a no', async () => {
    const boxes = screen.boxes.length
    const invalid = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get1',
      arguments: {},
    })) as CallToolResult
    expect(invalid.isError).toBe(true)
    expect(text(invalid)).toMatch(/INPUT_INVALID[\s\S]*- itemId: /)
    expect(screen.boxes).toHaveLength(boxes)

    const before = posts()
    screen.responses.push('wait')
    const unanswered = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get1',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(text(unanswered)).toBe(
      'Not run: nobody answered in Switchboard within 2 s. Nothing was sent to Service acmecrm.',
    )
    expect(posts()).toBe(before)
  }, 60_000)

  it('with the app closed, the started flag alone lets the write run (and the audit says so)', async () => {
    await channel.close()
    const before = posts()
    const boxes = screen.boxes.length
    const result = (await peer.client.callTool({
      name: 'acmecrm_prod_items_get1',
      arguments: { itemId: 'a1' },
    })) as CallToolResult
    expect(result.isError).toBeFalsy()
    expect(posts()).toBe(before + 1)
    expect(screen.boxes).toHaveLength(boxes)
    const call = app.core.audit.list({ limit: 5 }).events.find((e) => e.action === 'mcp.call')
    expect(call?.details).toMatchObject({ confirmation: 'no-one-to-ask' })
    channel = await serveAppChannel(
      dataDir,
      assistantRequests({ dialog: screen.dialog, window: () => undefined, vault: () => app.core.vault }),
    )
  }, 60_000)

  it('when the person does not allow the vault, calls say it is locked and how to open it', async () => {
    const second = await stdioPeer(dataDir, ['--client', 'acme'], {})
    try {
      screen.responses.push(0)
      const result = (await second.client.callTool({
        name: 'acmecrm_prod_items_get0',
        arguments: { itemId: 'a1' },
      })) as CallToolResult
      expect(result.isError).toBe(true)
      expect(text(result)).toMatch(/^LOCKED: .*\nThe vault opens by the Switchboard app/)
      expect(second.stderr()).toMatch(/the app did not open the vault: declined in Switchboard/)
      expect(screen.boxes.at(-1)?.message).toBe('Let the MCP server for Acme use your vault?')
    } finally {
      everything.push(...second.log, second.stderr())
      await second.close()
    }
  }, 60_000)
})

describe('without the app: the system’s passphrase prompt', () => {
  let temp: TempCore
  let dir = ''
  beforeAll(async () => {
    temp = await coreWith([crmDefinition(provider.url)])
    connectionOf(temp, 'acmecrm', { apiKey: secret })
    temp.core.close()
    dir = tempDir('switchboard-askpass-')
  }, 60_000)
  afterAll(() => {
    rmSync(temp.dataDir, { recursive: true, force: true })
    rmSync(dir, { recursive: true, force: true })
  })

  /** An SSH_ASKPASS-style program: notes the prompt it was given and prints `answer` (or cancels). */
  const askpass = (name: string, answer: string | null) => {
    const file = join(dir, name)
    const body = answer === null ? 'exit 1' : `printf '%s\\n' '${answer}'`
    writeFileSync(file, `#!/bin/sh\nprintf '%s' "$1" > "$0.prompt"\n${body}\n`)
    chmodSync(file, 0o755)
    return file
  }

  it.skipIf(process.platform === 'win32')(
    'opens the vault with what the person typed; a cancelled prompt leaves it locked',
    async () => {
      const cancelled = await stdioPeer(temp.dataDir, ['--client', 'acme'], {
        SWITCHBOARD_ASKPASS: askpass('cancel', null),
      })
      try {
        const result = (await cancelled.client.callTool({
          name: 'acmecrm_prod_items_get0',
          arguments: { itemId: 'a1' },
        })) as CallToolResult
        expect(result.isError).toBe(true)
        expect(text(result)).toMatch(/^LOCKED: /)
      } finally {
        everything.push(...cancelled.log, cancelled.stderr())
        await cancelled.close()
      }

      const typed = askpass('typed', passphrase)
      const peer = await stdioPeer(temp.dataDir, ['--client', 'acme'], { SWITCHBOARD_ASKPASS: typed })
      try {
        const result = (await peer.client.callTool({
          name: 'acmecrm_prod_items_get0',
          arguments: { itemId: 'a1' },
        })) as CallToolResult
        expect(result.isError).toBeFalsy()
        expect(result.structuredContent).toEqual({ id: 'a1', value: 3 })
        expect(readFileSync(`${typed}.prompt`, 'utf8')).toBe('Vault passphrase for the MCP server for Acme')
        expect(peer.stderr()).toMatch(/the vault was opened with the passphrase/)
        expect(peer.stderr()).not.toContain(passphrase)
      } finally {
        everything.push(...peer.log, peer.stderr())
        await peer.close()
      }
    },
    60_000,
  )
})
