// Backups and recovery against real SQLite files: online backups that hold only sealed secrets, a
// restore that keeps the current database aside and leaves a trail that verifies, a damaged database
// found at start-up and replaced by the newest sound backup, a copy before every migration, the daily
// backup made once across processes, and the same through the CLI.
import Database from 'better-sqlite3'
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCore } from '../../src-main/core/index.ts'
import { backupsDir, listBackups } from '../../src-main/core/db/backup.ts'
import { createLeases } from '../../src-main/core/db/lease.ts'
import { applyMigrations } from '../../src-main/core/db/migrations.ts'
import { openDatabase } from '../../src-main/core/db/open.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'
import { projectRoot, runCli } from '../support/cli.ts'
import { migrationCount } from '../support/migrations.ts'
import { damageDatabase } from '../support/damage.ts'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const passphrase = 'correct horse battery staple'
const planted = 'sk_test_PlantedSecretValue4242'
const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

async function started(dataDir = tempDir(), overrides: Parameters<typeof createTempCore>[0] = {}) {
  const temp = createTempCore({ dataDir, ...overrides })
  cleanups.push(() => temp.core.close())
  const state = temp.core.vault.status().state
  if (state === 'uninitialized') await temp.core.vault.setup(passphrase)
  else if (state === 'locked') await temp.core.vault.unlock(passphrase)
  return temp
}

function addConnection(temp: TempCore, id: string) {
  if (!temp.core.clients.list().some((c) => c.id === 'acme')) temp.core.clients.create({ name: 'Acme' })
  return temp.core.connections.create({
    id,
    clientId: 'acme',
    integrationId: 'stripe',
    environment: 'sandbox',
    secrets: { apiKey: planted },
  })
}

describe('backups', () => {
  it('makes online backups (0600) that hold the secrets only sealed, and keeps the newest N', async () => {
    const temp = await started()
    addConnection(temp, 'stripe-one')
    temp.core.backups.setKeep(2)
    for (let i = 0; i < 3; i++) await temp.core.backups.create('manual')
    const view = temp.core.backups.list()
    expect(view.keep).toBe(2)
    expect(view.backups).toHaveLength(2)
    expect(statSync(backupsDir(temp.dataDir)).mode & 0o777).toBe(0o700)
    for (const backup of listBackups(temp.dataDir)) {
      expect(statSync(backup.file).mode & 0o777).toBe(0o600)
      expect(readFileSync(backup.file).includes(Buffer.from(planted))).toBe(false)
      expect(readFileSync(backup.file).includes(Buffer.from('stripe-one'))).toBe(true)
    }
    const actions = temp.core.audit.list({ limit: 10 }).events.map((e) => e.action)
    expect(actions.filter((a) => a === 'backup.created')).toHaveLength(3)
    expect(actions).toContain('settings.changed')
    expect(() => temp.core.backups.setKeep(0)).toThrow('backups.keep must be a whole number from 1 to 100.')
  })

  it('restores a backup, keeping the current database aside, and the trail still verifies', async () => {
    const temp = await started()
    addConnection(temp, 'stripe-before')
    const made = await temp.core.backups.create('manual')
    addConnection(temp, 'stripe-after')
    const result = await temp.core.backups.restore(made.name)
    expect(temp.core.connections.list().map((c) => c.id)).toEqual(['stripe-before'])
    expect(temp.core.connections.readSecrets('stripe-before')).toEqual({ apiKey: planted })
    expect(temp.core.backups.list().backups.map((b) => b.name)).toContain(result.keptAside)
    const verification = temp.core.audit.verify()
    expect(verification.ok).toBe(true)
    expect(temp.core.audit.list({ limit: 1 }).events[0]?.action).toBe('backup.restored')
    await expect(temp.core.backups.restore('no-such-backup.db')).rejects.toThrow(/There is no backup named/)
  })

  it('finds a damaged database at start-up, moves it aside and restores the newest sound backup', async () => {
    const dataDir = tempDir()
    const first = await started(dataDir)
    addConnection(first, 'stripe-kept')
    await first.core.backups.create('manual')
    first.core.close()
    const file = join(dataDir, 'switchboard.db')
    damageDatabase(file)

    const again = await started(dataDir)
    const { recovery } = again.core.info()
    expect(recovery).not.toBeNull()
    expect(recovery?.restoredFrom).toMatch(/switchboard-.*-manual\.db$/)
    expect(existsSync(recovery!.damagedFile)).toBe(true)
    expect(again.core.connections.list().map((c) => c.id)).toEqual(['stripe-kept'])
    expect(again.core.audit.verify().ok).toBe(true)
    again.core.close()

    // The CLI says so, in a sentence, when it is the one that finds it.
    damageDatabase(file)
    const run = runCli(['--data-dir', dataDir, 'connections', 'list', '--json'], {
      env: { SWITCHBOARD_PASSPHRASE: passphrase },
    })
    expect(run.stderr).toMatch(
      /The database was damaged .*It was moved aside to .*and the newest sound backup, .* was restored/s,
    )
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).map((c: { id: string }) => c.id)).toEqual(['stripe-kept'])
  })

  it('copies the database before a migration changes its schema', async () => {
    const dataDir = tempDir()
    // A data folder last opened by a Switchboard one migration behind this one.
    const older = tempDir('switchboard-migrations-')
    const shipped = join(projectRoot, 'resources', 'migrations')
    cpSync(shipped, older, { recursive: true })
    const journalFile = join(older, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
    const last = journal.entries.pop()!
    rmSync(join(older, `${last.tag}.sql`))
    writeFileSync(journalFile, JSON.stringify(journal))
    // (Only its schema: an older Switchboard's code is not at hand, this one's expects the new tables.)
    const old = openDatabase(join(dataDir, 'switchboard.db'))
    applyMigrations(old, older)
    old.$client.close()
    expect(listBackups(dataDir)).toEqual([])

    const current = createTempCore({ dataDir })
    cleanups.push(() => current.core.close())
    const backups = listBackups(dataDir)
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration'])
    // The copy is the database as it was: without the last migration.
    const copy = new Database(backups[0]!.file, { readonly: true })
    const applied = copy.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }
    copy.close()
    expect(applied.n).toBe(migrationCount - 1)
    // A second start has nothing to migrate, so no second copy.
    current.core.close()
    createTempCore({ dataDir }).core.close()
    expect(listBackups(dataDir)).toHaveLength(1)
  })

  it('makes the daily backup once, in the process that holds the lease', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z')
    const temp = await started(tempDir(), { clock: { now: () => new Date(now) } })
    expect(await temp.core.backups.runDaily()).toBe('made')
    expect(await temp.core.backups.runDaily()).toBe('not-due')
    now += 25 * 60 * 60 * 1000
    // Another process holds the lease: this one does nothing.
    const other = createCore({
      dataDir: temp.dataDir,
      appVersion: '0.0.0-test',
      hostKind: 'app',
      keyProtector: passphraseProtector({}),
      openUrl: async () => {},
      clock: { now: () => new Date(now) },
    })
    cleanups.push(() => other.close())
    const otherLeases = createLeases({
      writer: other.writer,
      clock: { now: () => new Date(now) },
      holderPrefix: 'app',
    })
    expect(otherLeases.take('backups.daily', 60_000)).toBe(true)
    expect(await temp.core.backups.runDaily()).toBe('elsewhere')
    otherLeases.release('backups.daily')
    expect(await temp.core.backups.runDaily()).toBe('made')
    expect(listBackups(temp.dataDir).map((b) => b.reason)).toEqual(['daily', 'daily'])
    // While the vault is locked nothing can be recorded, so the daily backup waits.
    temp.core.vault.lock()
    now += 25 * 60 * 60 * 1000
    expect(await temp.core.backups.runDaily()).toBe('locked')
  })

  it("records the daily backup that hosts start (startDaily) as the scheduler's doing", async () => {
    const temp = await started()
    const stop = temp.core.backups.startDaily()
    cleanups.push(stop)
    await vi.waitFor(() => expect(listBackups(temp.dataDir)).toHaveLength(1), { timeout: 15_000 })
    await temp.core.backups.create('manual')
    const made = temp.core.audit.list({ kind: 'backup.created' }).events
    expect(made.map((e) => [e.details.reason, e.host])).toEqual([
      ['manual', 'cli'],
      ['daily', 'scheduler'],
    ])
  })
})

describe('switchboard backup and restore', () => {
  it('backs up, lists and restores through the same service, refusing a missing file', () => {
    const dataDir = tempDir()
    const env = { SWITCHBOARD_PASSPHRASE: passphrase }
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { env })
    expect(cli('clients', 'add', 'Acme').code).toBe(0)
    expect(cli('backup', 'list').stdout).toMatch(/No backups yet in .*Make one with: switchboard backup/s)
    const made = cli('backup', '--json')
    expect(made.code).toBe(0)
    const { name } = JSON.parse(made.stdout) as { name: string }
    expect(cli('clients', 'add', 'Beta').code).toBe(0)
    const out = join(tempDir(), 'copy.db')
    expect(cli('backup', '--out', out).code).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(cli('backup', '--out', out).stderr).toMatch(/already exists; choose a new file name/)
    const listed = JSON.parse(cli('backup', 'list', '--json').stdout) as { backups: { name: string }[] }
    expect(listed.backups.map((b) => b.name)).toContain(name)
    const restored = cli('restore', name)
    expect(restored.code).toBe(0)
    expect(restored.stdout).toMatch(
      /^restored .*; the database as it was is kept as switchboard-.*-before-restore\.db/,
    )
    const clients = JSON.parse(cli('clients', 'list', '--json').stdout) as { name: string }[]
    expect(clients.map((c) => c.name)).toEqual(['Acme'])
    const missing = cli('restore', join(dataDir, 'nope.db'))
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toMatch(/is neither a backup in the backups folder nor a file/)
    expect(cli('audit', 'verify').code).toBe(0)
  })
})
