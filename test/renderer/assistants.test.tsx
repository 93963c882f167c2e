// The AI assistants page against a real core: the tool list comes from mcp.preview (the function the
// MCP server serves), narrows with the choices, and the copied configurations carry the command, the
// arguments and the data folder — never a passphrase or a secret.
import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { assistantConfigs, globsOf } from '../../src-renderer/pages/assistants/configs.ts'
import { makeDefinition } from '../support/definitions.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

const secret = 'sk_renderer_assistant_secret_42'
const passphrase = 'correct horse battery'
let temp: TempCore
let bridge: SwitchboardBridge

beforeEach(async () => {
  temp = createTempCore()
  bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  await temp.core.vault.setup(passphrase)
  temp.core.clients.create({ name: 'Acme' })
  const definition = makeDefinition('crm')
  const write = definition.methods[1]
  if (write?.http) {
    write.kind = 'write'
    write.http.method = 'POST'
  }
  await temp.core.definitions.importFiles([{ name: 'crm.json', content: JSON.stringify(definition) }])
  temp.core.connections.create({
    clientId: 'acme',
    integrationId: 'crm',
    environment: 'production',
    secrets: { apiKey: secret },
  })
})
afterEach(() => temp.dispose())

describe('AI assistants page', () => {
  it('shows the tools with their hints, narrows them, and gives configs without secrets', async () => {
    window.location.hash = '#/assistants'
    render(<Root client={createClient(bridge)} />)
    expect(await screen.findByRole('heading', { name: 'AI assistants', level: 2 })).toBeTruthy()
    const tools = await screen.findByRole('region', { name: 'Tools' })
    expect(await within(tools).findByText('crm_prod_items_get0')).toBeTruthy()
    expect(within(tools).getByText('crm_prod_items_get1')).toBeTruthy()
    expect(within(tools).getAllByText('read-only')).toHaveLength(2)
    expect(within(tools).getByText('refused')).toBeTruthy()

    fireEvent.click(screen.getByRole('switch', { name: 'Reads only' }))
    await within(await screen.findByRole('region', { name: 'Tools' })).findByText('2 tools')
    expect(screen.queryByText('crm_prod_items_get1')).toBeNull()

    const config = await screen.findByLabelText('Claude Desktop configuration')
    const parsed = JSON.parse(config.textContent ?? '') as {
      mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>
    }
    expect(parsed.mcpServers['switchboard-acme']).toEqual({
      command: 'switchboard',
      args: ['mcp', '--client', 'acme', '--read-only'],
      env: { SWITCHBOARD_DATA_DIR: temp.dataDir },
    })
    expect(document.body.textContent).not.toContain(secret)
    expect(document.body.textContent).not.toContain(passphrase)
  })
})

describe('AI assistants page: many tools', () => {
  it('warns above 40 tools, suggesting --methods, and not at 40', async () => {
    // 38 reads more: 41 tools with crm's three (two reads and a write).
    await temp.core.definitions.importFiles([
      { name: 'big.json', content: JSON.stringify(makeDefinition('big', {}, 38)) },
    ])
    temp.core.connections.create({
      clientId: 'acme',
      integrationId: 'big',
      environment: 'production',
      secrets: { apiKey: secret },
    })
    window.location.hash = '#/assistants'
    render(<Root client={createClient(bridge)} />)
    const tools = await screen.findByRole('region', { name: 'Tools' })
    expect(await within(tools).findByText('41 tools')).toBeTruthy()
    const warning = (await screen.findByText('Many tools')).closest('[role="alert"]')
    expect(warning?.textContent).toMatch(/41 tools would be exposed/)
    expect(warning?.textContent).toMatch(/40 or fewer/)
    expect(warning?.textContent).toMatch(/--methods <glob>/)

    // Reads only: 40 tools, at the threshold, so no warning.
    fireEvent.click(screen.getByRole('switch', { name: 'Reads only' }))
    await within(await screen.findByRole('region', { name: 'Tools' })).findByText('40 tools')
    expect(screen.queryByText('Many tools')).toBeNull()
  }, 30_000)
})

describe('assistant configs', () => {
  it('Claude Desktop and Cursor use mcpServers, VS Code servers with type stdio', () => {
    const [claude, cursor, vscode] = assistantConfigs({
      clientId: 'acme',
      args: ['mcp', '--client', 'acme'],
      dataDir: '/data',
    })
    expect(JSON.parse(claude!.text)).toEqual({
      mcpServers: {
        'switchboard-acme': {
          command: 'switchboard',
          args: ['mcp', '--client', 'acme'],
          env: { SWITCHBOARD_DATA_DIR: '/data' },
        },
      },
    })
    expect(cursor!.text).toBe(claude!.text)
    expect(JSON.parse(vscode!.text).servers['switchboard-acme'].type).toBe('stdio')
    expect(globsOf(' customers.*, *list  x ')).toEqual(['customers.*', '*list', 'x'])
  })
})
