// Clients: create (with a fresh data key), rename, and remove by crypto-shredding — the data key is
// destroyed first, so the client's secrets are unrecoverable even with the master key, then the rows
// go, and the WAL is checkpointed so no copy of the deleted pages lingers in it.
import { count, eq, sql } from 'drizzle-orm'
import type { ClientView } from '../../contract/types.ts'
import type { Db } from '../db/open.ts'
import type { Writer } from '../db/write.ts'
import { clients, connections } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'
import type { Vault } from '../vault/vault.ts'
import { clientColours, slug } from './ids.ts'

export interface ClientsDeps {
  db: Db
  vault: Vault
  writer: Writer
  clock: Clock
}

/**
 * Two names belong to the same client when they differ only in case, spacing or Unicode composition:
 * "Acme Corp" and "acme  corp" would be two groups on screen that no one can tell apart, and a
 * destructive confirmation that asks for the name must name exactly one.
 */
export const clientNameKey = (name: string) =>
  name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase()

export function createClients({ db, vault, writer, clock }: ClientsDeps) {
  const assertNameFree = (name: string, exceptId?: string) => {
    const key = clientNameKey(name)
    const clash = db
      .select({ id: clients.id, name: clients.name })
      .from(clients)
      .all()
      .find((row) => row.id !== exceptId && clientNameKey(row.name) === key)
    if (clash) {
      throw new AppError(
        'CONFLICT',
        `There is already a client named “${clash.name}” (${clash.id}): give this one another name.`,
        { issues: [{ path: 'name', message: `is already the name of client ${clash.id}` }] },
      )
    }
  }

  const list = (): ClientView[] => {
    const counts = new Map(
      db
        .select({ clientId: connections.clientId, n: count() })
        .from(connections)
        .groupBy(connections.clientId)
        .all()
        .map((row) => [row.clientId, row.n]),
    )
    return db
      .select()
      .from(clients)
      .orderBy(clients.name)
      .all()
      .map((row) => ({ ...row, connectionCount: counts.get(row.id) ?? 0 }))
  }

  // Prepared once: every connection view reads its client.
  const selectClient = db
    .select()
    .from(clients)
    .where(eq(clients.id, sql.placeholder('id')))
    .prepare()
  const get = (id: string) => {
    const row = selectClient.get({ id })
    if (!row)
      throw new AppError('NOT_FOUND', `No client "${id}".`, {
        issues: [{ path: 'clientId', message: 'is not a client' }],
      })
    return row
  }

  const freeId = (name: string): string => {
    const base = slug(name)
    const taken = new Set(
      db
        .select({ id: clients.id })
        .from(clients)
        .all()
        .map((row) => row.id),
    )
    let id = base
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
    return id
  }

  const create = (input: { name: string; notes?: string; colour?: string }): ClientView => {
    const name = input.name.trim()
    if (!name)
      throw AppError.invalid('A client needs a name.', [{ path: 'name', message: 'must not be empty' }])
    // The name and the free id are checked inside the transaction: another process may be adding a
    // client too.
    return writer.write((tx, audit) => {
      assertNameFree(name)
      const id = freeId(name)
      const existing = db.select({ n: count() }).from(clients).get()?.n ?? 0
      const row = {
        id,
        name,
        notes: input.notes ?? '',
        colour: input.colour ?? clientColours[existing % clientColours.length] ?? 'indigo',
        createdAt: clock.now().toISOString(),
      }
      tx.insert(clients).values(row).run()
      vault.createClientKey(tx, id)
      return audit.record(
        { action: 'client.created', client: id, details: { name } },
        { ...row, connectionCount: 0 },
      )
    })
  }

  const update = (input: { id: string; name?: string; notes?: string; colour?: string }): ClientView => {
    get(input.id)
    const name = input.name?.trim()
    if (input.name !== undefined && !name)
      throw AppError.invalid('A client needs a name.', [{ path: 'name', message: 'must not be empty' }])
    if (name) assertNameFree(name, input.id)
    const changes = {
      ...(name ? { name } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.colour ? { colour: input.colour } : {}),
    }
    writer.write((tx, audit) => {
      if (Object.keys(changes).length) tx.update(clients).set(changes).where(eq(clients.id, input.id)).run()
      return audit.record({
        action: 'client.updated',
        client: input.id,
        details: { fields: Object.keys(changes) },
      })
    })
    const view = list().find((client) => client.id === input.id)
    if (!view) throw new AppError('NOT_FOUND', `No client "${input.id}".`)
    return view
  }

  const remove = (id: string): { connections: number } => {
    const client = get(id)
    const removed = writer.write((tx, audit) => {
      const n = tx.select({ n: count() }).from(connections).where(eq(connections.clientId, id)).get()?.n ?? 0
      // The key first: from this statement on, the secrets below are noise.
      vault.destroyClientKey(tx, id)
      tx.delete(connections).where(eq(connections.clientId, id)).run()
      tx.delete(clients).where(eq(clients.id, id)).run()
      return audit.record(
        { action: 'client.removed', client: id, details: { name: client.name, connections: n } },
        n,
      )
    })
    db.$client.pragma('wal_checkpoint(TRUNCATE)')
    return { connections: removed }
  }

  return { list, get, create, update, remove }
}

export type Clients = ReturnType<typeof createClients>
