// The audit trail: written in the change's own transaction, keyed by the vault, head kept outside the
// database. Tampering is done the way someone holding the file would: drop the guards, edit rows.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { canonical, headMac, linkHash } from '../../src-main/core/audit/chain.ts'
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
    const head = () => JSON.parse(readFileSync(file, 'utf8')) as { seq: number; hash: string; mac: string }
    const last = temp.core.audit.list({ limit: 1 }).events[0]
    // A burst of commits writes the file once, within moments, sealed with the vault key.
    await vi.waitFor(() => expect(head()).toMatchObject({ seq: last?.seq, hash: last?.hash }), {
      timeout: 5000,
    })
    expect(head().mac).toMatch(/^[0-9a-f]{64}$/)
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

    it('a rewritten event re-keyed with a guessed key, every link after it and the head too', () => {
      const sqlite = temp.core.db.$client
      const rows = sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Record<
        string,
        unknown
      >[]
      // The forger keeps the chain's shape exactly, with real HMACs, only with a key of their own.
      const guessed = randomBytes(32)
      let prev = String(rows[2]?.hash)
      for (const row of rows.slice(3)) {
        const details = row.seq === 4 ? { amount: 1 } : JSON.parse(String(row.details))
        const hash = String(
          linkHash(
            prev,
            {
              at: String(row.at),
              actor: String(row.actor),
              host: String(row.host),
              action: String(row.action),
              target: row.target as string | null,
              details,
              clientId: row.client_id as string | null,
              connectionId: row.connection_id as string | null,
              keyed: true,
              format: 2,
            },
            guessed,
          ),
        )
        sqlite
          .prepare('UPDATE audit_events SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?')
          .run(JSON.stringify(details), prev, hash, row.seq)
        prev = hash
      }
      const head = { seq: 5, hash: prev }
      writeFileSync(temp.core.audit.headFile, JSON.stringify({ ...head, mac: headMac(guessed, head) }))
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, brokenAt: 4 })
      expect(result.reason).toMatch(/Event #4 was changed/)
    })

    it('the last events cut off', () => {
      temp.core.db.$client.exec('DELETE FROM audit_events WHERE seq >= 4')
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, brokenAt: 4, headSeq: 5 })
      expect(result.reason).toMatch(/#4–#5 were removed from the end/)
      // The next change does not move the head on from events that are gone.
      record('after.the.cut')
      expect(temp.core.audit.verify()).toMatchObject({ ok: false, headSeq: 5 })
    })

    it('the last events cut off and the head file rewritten to match, without the key', () => {
      const sqlite = temp.core.db.$client
      sqlite.exec('DELETE FROM audit_events WHERE seq >= 4')
      const last = sqlite.prepare('SELECT seq, hash FROM audit_events WHERE seq = 3').get() as {
        seq: number
        hash: string
      }
      writeFileSync(temp.core.audit.headFile, JSON.stringify(last))
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, headSeq: 3 })
      expect(result.reason).toMatch(/not sealed with the vault key/)
      writeFileSync(
        temp.core.audit.headFile,
        JSON.stringify({ ...last, mac: headMac(randomBytes(32), last) }),
      )
      expect(temp.core.audit.verify().reason).toMatch(/not sealed with the vault key/)
      // Nor can the head be set back to a first start's, which names no event at all.
      writeFileSync(temp.core.audit.headFile, JSON.stringify({ seq: 0, hash: '' }))
      expect(temp.core.audit.verify().reason).toMatch(/not sealed with the vault key/)
    })

    it('the last events cut off and the head file deleted', async () => {
      temp.core.db.$client.exec('DELETE FROM audit_events WHERE seq >= 4')
      rmSync(temp.core.audit.headFile)
      const result = temp.core.audit.verify()
      expect(result).toMatchObject({ ok: false, headSeq: null })
      expect(result.reason).toMatch(/head kept outside the database .* is missing/)
      // Starting again does not write a new head over the loss.
      temp.core.close()
      temp = createTempCore({ dataDir: temp.dataDir })
      await temp.core.vault.unlock(passphrase)
      expect(temp.core.audit.verify()).toMatchObject({ ok: false, headSeq: null })
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
