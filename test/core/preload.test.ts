// The preload, with the `electron` module mocked (it cannot load outside Electron): it exposes exactly
// the contract's calls as window.switchboard and forwards each to ipcRenderer.invoke — nothing more.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { callNames } from '../../src-main/contract/api.ts'

const exposed = new Map<string, unknown>()
const invoke = vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke },
}))

beforeEach(() => invoke.mockClear())

describe('preload', () => {
  it('exposes only window.switchboard, with one function per contract call', async () => {
    await import('../../src-preload/index.ts')
    expect([...exposed.keys()]).toEqual(['switchboard'])
    const api = exposed.get('switchboard') as Record<string, Record<string, unknown>>
    const names = Object.entries(api).flatMap(([ns, calls]) =>
      Object.keys(calls).map((method) => `${ns}.${method}`),
    )
    expect(names.sort()).toEqual([...callNames].sort())
    for (const calls of Object.values(api))
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
})
