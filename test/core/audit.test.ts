// The audit trail: written in the change's own transaction, keyed by the vault, head kept outside the
// database. Tampering is done the way someone holding the file would: drop the guards, edit rows.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { canonical } from '../../src-main/core/audit/chain.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

const passphrase = 'correct horse battery staple'
let temp: TempCore
beforeEach(() => {
  let tick = Date.parse('2026-11-21T09:00:00Z')
  temp = createTempCore({ clock: { now: () => new Date((tick += 1000)) } })
})
afterEach(() => temp.dispose())

const record = (action: string, extra: Record<string, unknown> = {}) =>
  temp.core.writer.record({ action, ...extra })

/** Opens the file's guard so rows can be edited, as an attacker with the file would. */
function dropGuards() {
  temp.core.db.$client.exec('DROP TRIGGER audit_events_no_update')
  temp.core.db.$client.exec('DROP TRIGGER audit_events_no_delete')
}

describe('audit trail', () => {
  it('appends events newest first, with paging, host and OS user', () => {
    for (let i = 1; i <= 5; i++) record('test.event', { target: `t${i}`, details: { i } })
    const first = temp.core.audit.list({ limit: 2 })
    expect(first.events.map((e) => e.target)).toEqual(['t5', 't4'])
    expect(first.events[0]).toMatchObject({
      actor: 'tester',
      host: 'cli',
      action: 'test.event',
      details: { i: 5 },
    })
    const second = temp.core.audit.list({ limit: 2, before: first.nextBefore ?? undefined })
    expect(second.events.map((e) => e.target)).toEqual(['t3', 't2'])
    const last = temp.core.audit.list({ limit: 2, before: second.nextBefore ?? undefined })
    expect(last).toMatchObject({ events: [{ target: 't1' }], nextBefore: null })
  })

  it('is append-only in the database itself', () => {
    record('one')
    const sqlite = temp.core.db.$client
    expect(() => sqlite.exec("UPDATE audit_events SET action = 'forged'")).toThrow(/append-only/)
    expect(() => sqlite.exec('DELETE FROM audit_events')).toThrow(/append-only/)
  })

  it('commits an event with its change, and neither when the change fails', () => {
    const client = temp.core.clients
    expect(() => client.create({ name: '  ' })).toThrow(/needs a name/)
    expect(temp.core.audit.list({}).events).toHaveLength(0)
    // A failure inside the transaction, after the event was appended, takes both back.
    expect(() =>
      temp.core.writer.write((tx, audit) => {
        audit.also({ action: 'about-to-fail' })
        tx.run('INSERT INTO no_such_table VALUES (1)' as never)
        return audit.record({ action: 'never' })
      }),
    ).toThrow()
    expect(temp.core.audit.list({}).events).toHaveLength(0)
  })

  it('keys every event once the vault is set up, and refuses changes while it is locked', async () => {
    record('before.setup')
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme' })
    const events = temp.core.audit.list({}).events
    expect(events.map((e) => [e.action, e.keyed])).toEqual([
      ['client.created', true],
      ['vault.set-up', true],
      ['before.setup', false],
    ])
    temp.core.vault.lock()
    expect(() => temp.core.clients.update({ id: acme.id, name: 'Acme Ltd' })).toThrow(/vault is locked/)
    expect(temp.core.clients.get(acme.id).name).toBe('Acme')
    // Without the key the links can be followed but the keyed hashes cannot be checked.
    expect(temp.core.audit.verify()).toMatchObject({ ok: false, keyChecked: false, brokenAt: null })
    await temp.core.vault.unlock(passphrase)
    expect(temp.core.audit.verify()).toMatchObject({ ok: true, checked: 4, keyChecked: true })
  })

  it('keeps the head outside the database, 0600, written moments after a commit', async () => {
    await temp.core.vault.setup(passphrase)
    record('one')
    const file = temp.core.audit.headFile
    const head = () => JSON.parse(readFileSync(file, 'utf8')) as { seq: number; hash: string }
    const last = temp.core.audit.list({ limit: 1 }).events[0]
    // A burst of commits writes the file once, within moments.
    await vi.waitFor(() => expect(head()).toEqual({ seq: last?.seq, hash: last?.hash }), { timeout: 5000 })
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  describe('verify names the first broken event', () => {
    beforeEach(async () => {
      await temp.core.vault.setup(passphrase) // event 1
      for (const action of ['two', 'three', 'four', 'five']) record(action, { details: { amount: 10 } })
      expect(temp.core.audit.verify()).toMatchObject({ ok: true, checked: 5 })
      dropGuards()
    })

    it('an edited event', () => {
      temp.core.db.$client.exec(`UPDATE audit_events SET details = '{"amount":1000}' WHERE seq = 3`)
      expect(temp.core.audit.verify()).toMatchObject({ ok: false, checked: 2, brokenAt: 3 })
    })

    it('a deleted event', () => {
      temp.core.db.$client.exec('DELETE FROM audit_events WHERE seq = 2')
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, brokenAt: 3 })
      expect(result.reason).toMatch(/event #2 was removed/)
    })

    it('a rewritten event with every hash after it recomputed (without the key), head file too', () => {
      const sqlite = temp.core.db.$client
      const rows = sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Record<
        string,
        unknown
      >[]
      let prev = String(rows[1]?.hash)
      // From event 3 on: new content, unkeyed (the forger has no key) SHA-256 links.
      for (const row of rows.slice(2)) {
        const details = row.seq === 3 ? { amount: 1000 } : JSON.parse(String(row.details))
        const body = canonical({
          at: row.at,
          actor: row.actor,
          host: row.host,
          action: row.action,
          target: row.target,
          details,
          client: row.client_id,
          connection: row.connection_id,
          keyed: false,
          format: 2,
        })
        const hash = createHash('sha256').update(prev).update(body).digest('hex')
        sqlite
          .prepare('UPDATE audit_events SET details = ?, keyed = 0, prev_hash = ?, hash = ? WHERE seq = ?')
          .run(JSON.stringify(details), prev, hash, row.seq)
        prev = hash
      }
      writeFileSync(temp.core.audit.headFile, JSON.stringify({ seq: 5, hash: prev }))
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, brokenAt: 3 })
      expect(result.reason).toMatch(/not keyed/)
    })

    it('a rewritten event re-keyed with a guessed key', () => {
      const sqlite = temp.core.db.$client
      sqlite.exec(`UPDATE audit_events SET details = '{"amount":1}' WHERE seq = 4`)
      sqlite.exec(`UPDATE audit_events SET hash = '${'a'.repeat(64)}' WHERE seq = 4`)
      sqlite.exec(`UPDATE audit_events SET prev_hash = '${'a'.repeat(64)}' WHERE seq = 5`)
      expect(temp.core.audit.verify()).toMatchObject({ ok: false, brokenAt: 4 })
    })

    it('the last events cut off', () => {
      temp.core.db.$client.exec('DELETE FROM audit_events WHERE seq >= 4')
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, brokenAt: 4, headSeq: 5 })
      expect(result.reason).toMatch(/#4–#5 were removed from the end/)
    })
  })

  it('filters by client, connection, kind and time, and exports JSON Lines', async () => {
    await temp.core.vault.setup(passphrase)
    const acme = temp.core.clients.create({ name: 'Acme' })
    const globex = temp.core.clients.create({ name: 'Globex' })
    temp.core.connections.create({ clientId: acme.id, integrationId: 'stripe', environment: 'sandbox' })
    const byClient = temp.core.audit.list({ clientId: acme.id }).events.map((e) => e.action)
    expect(byClient).toEqual(['connection.created', 'client.created'])
    expect(temp.core.audit.list({ clientId: globex.id }).events).toHaveLength(1)
    expect(temp.core.audit.list({ kind: 'client' }).events).toHaveLength(2)
    expect(temp.core.audit.list({ kind: 'vault.set-up' }).events).toHaveLength(1)
    const all = temp.core.audit.list({}).events
    const middle = all[1]?.at ?? ''
    expect(temp.core.audit.list({ since: middle }).events).toHaveLength(2)
    expect(temp.core.audit.list({ until: middle }).events).toHaveLength(3)
    const exported = temp.core.audit.exportLines({ clientId: acme.id })
    const lines = exported.content
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string })
    expect(lines.map((l) => l.action)).toEqual(['client.created', 'connection.created'])
    expect(exported.events).toBe(2)
  })
})
