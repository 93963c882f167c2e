// The preload, with the `electron` module mocked (it cannot load outside Electron): it exposes exactly
// the contract's calls as window.switchboard and forwards each to ipcRenderer.invoke — nothing more.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'

const exposed = new Map<string, unknown>()
const invoke = vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }))
const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>()

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
      ipcListeners.set(channel, listener),
  },
}))

beforeEach(() => invoke.mockClear())

describe('preload', () => {
  it('exposes only window.switchboard, with one function per contract call', async () => {
    await import('../../src-preload/index.ts')
    expect([...exposed.keys()]).toEqual(['switchboard'])
    const api = exposed.get('switchboard') as Record<string, Record<string, unknown>>
    const { subscribe, ...namespaces } = api as Record<string, unknown>
    expect(typeof subscribe).toBe('function')
    const names = Object.entries(namespaces as Record<string, Record<string, unknown>>).flatMap(
      ([ns, calls]) => Object.keys(calls).map((method) => `${ns}.${method}`),
    )
    expect(names.sort()).toEqual([...callNames].sort())
    for (const calls of Object.values(namespaces as Record<string, Record<string, unknown>>))
      for (const fn of Object.values(calls)) expect(typeof fn).toBe('function')
  })

  it('forwards each call to its own channel with its arguments', async () => {
    await import('../../src-preload/index.ts')
    const api = exposed.get('switchboard') as { audit: { list(args?: unknown): Promise<unknown> } }
    await expect(api.audit.list({ limit: 3 })).resolves.toEqual({
      ok: true,
      value: { channel: 'audit.list', args: { limit: 3 } },
    })
    await api.audit.list()
    expect(invoke).toHaveBeenLastCalledWith('audit.list', {})
  })

  it('carries push batches to typed subscribers only, never the IPC event object', async () => {
    await import('../../src-preload/index.ts')
    const { subscribe } = exposed.get('switchboard') as {
      subscribe(name: string, listener: (payloads: unknown[]) => void): () => void
    }
    expect(() => subscribe('nope', () => {})).toThrow(/no push event named "nope"/)
    const seen: unknown[][] = []
    const stop = subscribe('webhooks.event', (payloads) => seen.push(payloads))
    const listener = ipcListeners.get('switchboard:push')
    expect(listener).toBeDefined()
    const ipcEvent = { sender: 'the ipcRenderer itself' }
    listener!(ipcEvent, [
      { name: 'webhooks.event', payload: { eventId: 1 } },
      { name: 'webhooks.receiver', payload: { running: true } },
      { name: 'webhooks.event', payload: { eventId: 2 } },
    ])
    expect(seen).toEqual([[{ eventId: 1 }, { eventId: 2 }]])
    expect(JSON.stringify(seen)).not.toContain('ipcRenderer')
    stop()
    listener!(ipcEvent, [{ name: 'webhooks.event', payload: { eventId: 3 } }])
    expect(seen).toHaveLength(1)
  })
})
