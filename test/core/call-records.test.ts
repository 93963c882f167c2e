// When a call's record reaches the disk (db/write.ts writeSoon): a write method's record is committed
// before the caller hears the result; a read's waits a few milliseconds to commit with others, yet
// every reader through the core sees it at once, another process within moments, and closing or
// locking never loses it. Watched through a second SQLite handle on the same file, as another
// process would see it.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { databaseFileName } from '../../src-main/core/index.ts'
import { makeDefinition } from '../support/definitions.ts'
import { connectionOf, coreWith } from '../support/oidc-server.ts'
import { json, startProvider } from '../support/provider.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

async function setup() {
  const provider = await startProvider()
  cleanups.push(() => provider.close())
  provider.route('GET', '/kind0/items/a1', json(200, { id: 'a1', value: 1 }))
  provider.route('POST', '/items', json(201, { id: 'new' }))
  const definition = makeDefinition('loopy', { api: { baseUrl: { production: provider.url } } }, 1)
  definition.methods.push({
    id: 'items.create',
    name: 'Create an item',
    description: 'Creates an item.',
    kind: 'write',
    inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    outputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    http: { method: 'POST', path: '/items', body: ['name'] },
  })
  const temp = await coreWith([definition])
  cleanups.push(temp.dispose)
  const connectionId = connectionOf(temp, 'loopy', { apiKey: 'sk_test_records_0123456789' })
  // Another process's view of the same file.
  const other = new Database(join(temp.dataDir, databaseFileName), { readonly: true })
  cleanups.push(() => void other.close())
  const rows = () =>
    (other.prepare('SELECT method_id FROM call_history ORDER BY seq').all() as { method_id: string }[]).map(
      (row) => row.method_id,
    )
  const read = () => temp.core.runtime.invoke(connectionId, 'items.get0', { itemId: 'a1' })
  const write = () => temp.core.runtime.invoke(connectionId, 'items.create', { name: 'x' })
  return { temp, connectionId, other, rows, read, write }
}

const waitFor = async (check: () => boolean, ms = 10_000) => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('call records', () => {
  it('a write method’s record is on disk before its result is returned', { timeout: 30_000 }, async () => {
    const { rows, write } = await setup()
    const result = await write()
    expect(result.status).toBe('success')
    expect(rows()).toEqual(['items.create'])
  })

  it(
    'a read’s record is seen at once through the core, and by another process within moments',
    { timeout: 30_000 },
    async () => {
      const { temp, connectionId, rows, read } = await setup()
      // The first success moves the connection from untested to healthy: a change, committed at once.
      expect((await read()).status).toBe('success')
      expect(rows()).toEqual(['items.get0'])
      // The next confirms what is known: its record waits for others to commit with.
      await read()
      expect(rows()).toEqual(['items.get0'])
      expect(temp.core.runtime.history(connectionId).entries.map((e) => e.methodId)).toEqual([
        'items.get0',
        'items.get0',
      ])
      expect(rows()).toEqual(['items.get0', 'items.get0'])

      await read()
      await waitFor(() => rows().length === 3)
    },
  )

  it(
    'a change commits the waiting records with it; a refused change keeps them waiting',
    { timeout: 30_000 },
    async () => {
      const { temp, connectionId, rows, read } = await setup()
      await read()
      await read()
      expect(rows()).toHaveLength(1)
      // A change that fails inside its transaction rolls back alone: the waiting record is not lost.
      expect(() =>
        temp.core.writer.write(() => {
          throw new Error('refused')
        }),
      ).toThrow('refused')
      expect(rows()).toHaveLength(1)
      await waitFor(() => rows().length === 2)
      await read()
      expect(rows()).toHaveLength(2)
      temp.core.clients.update({ id: 'acme', notes: 'Renewal in May.' })
      expect(rows()).toHaveLength(3)
      // In the order things happened: the call's event, then the change's.
      const [newest, before] = temp.core.audit.list({ limit: 2 }).events
      expect([before?.action, before?.connectionId, newest?.action]).toEqual([
        'method.invoked',
        connectionId,
        'client.updated',
      ])
    },
  )

  it('the audit trail keeps the order of the calls and verifies', { timeout: 30_000 }, async () => {
    const { temp, connectionId, read, write } = await setup()
    await read()
    await write()
    await read()
    const events = temp.core.audit
      .list({ connectionId, kind: 'method', limit: 10 })
      .events.map((event) => event.details.method)
      .reverse()
    expect(events).toEqual(['items.get0', 'items.create', 'items.get0'])
    expect(temp.core.audit.verify()).toMatchObject({ ok: true })
  })

  it('closing the core and locking the vault commit what waits', { timeout: 30_000 }, async () => {
    const { temp, rows, read } = await setup()
    await read()
    await read()
    expect(rows()).toHaveLength(1)
    temp.core.vault.lock()
    expect(rows()).toHaveLength(2)
    await temp.core.vault.unlock('correct horse battery')
    await read()
    temp.core.close()
    expect(rows()).toHaveLength(3)
  })
})
