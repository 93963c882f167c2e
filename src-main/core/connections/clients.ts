// Clients: create (with a fresh data key), rename, and remove by crypto-shredding — the data key is
// destroyed first, so the client's secrets are unrecoverable even with the master key, then the rows
// go, and the WAL is checkpointed so no copy of the deleted pages lingers in it.
import { count, eq } from 'drizzle-orm'
import type { ClientView } from '../../contract/types.ts'
import type { AuditLog } from '../audit/audit-log.ts'
import { checkpointSecrets } from '../db/checkpoint.ts'
import type { Db } from '../db/open.ts'
import { clients, connections } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import type { Clock } from '../host.ts'
import type { Vault } from '../vault/vault.ts'
import { clientColours, slug } from './ids.ts'

export interface ClientsDeps {
  db: Db
  vault: Vault
  audit: AuditLog
  clock: Clock
}

export function createClients({ db, vault, audit, clock }: ClientsDeps) {
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

  const get = (id: string) => {
    const row = db.select().from(clients).where(eq(clients.id, id)).get()
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
    const id = freeId(name)
    const existing = db.select({ n: count() }).from(clients).get()?.n ?? 0
    const row = {
      id,
      name,
      notes: input.notes ?? '',
      colour: input.colour ?? clientColours[existing % clientColours.length] ?? 'indigo',
      createdAt: clock.now().toISOString(),
    }
    db.transaction((tx) => {
      tx.insert(clients).values(row).run()
      vault.createClientKey(tx, id)
    })
    audit.append({ action: 'client.created', target: id, details: { name } })
    return { ...row, connectionCount: 0 }
  }

  const update = (input: { id: string; name?: string; notes?: string; colour?: string }): ClientView => {
    get(input.id)
    const name = input.name?.trim()
    if (input.name !== undefined && !name)
      throw AppError.invalid('A client needs a name.', [{ path: 'name', message: 'must not be empty' }])
    const changes = {
      ...(name ? { name } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.colour ? { colour: input.colour } : {}),
    }
    if (Object.keys(changes).length) db.update(clients).set(changes).where(eq(clients.id, input.id)).run()
    audit.append({ action: 'client.updated', target: input.id, details: { fields: Object.keys(changes) } })
    const view = list().find((client) => client.id === input.id)
    if (!view) throw new AppError('NOT_FOUND', `No client "${input.id}".`)
    return view
  }

  const remove = (id: string): { connections: number } => {
    const client = get(id)
    const removed =
      db.select({ n: count() }).from(connections).where(eq(connections.clientId, id)).get()?.n ?? 0
    db.transaction((tx) => {
      // The key first: from this statement on, the secrets below are noise.
      vault.destroyClientKey(tx, id)
      tx.delete(connections).where(eq(connections.clientId, id)).run()
      tx.delete(clients).where(eq(clients.id, id)).run()
    })
    checkpointSecrets(db)
    audit.append({
      action: 'client.removed',
      target: id,
      details: { name: client.name, connections: removed },
    })
    return { connections: removed }
  }

  return { list, get, create, update, remove }
}

export type Clients = ReturnType<typeof createClients>
