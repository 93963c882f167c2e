// Hints stored by an older Switchboard, under the rule that kept a secret's own leading words and its
// last four characters, must not survive an update: opening the data folder with this version leaves
// none of them in the database's columns, its files, or anything the API returns.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { databaseFiles } from '../../src-main/core/db/open.ts'
import { asFile, makeDefinition } from '../support/definitions.ts'
import { createTempCore, tempDir } from '../support/temp-core.ts'

const projectRoot = join(import.meta.dirname, '..', '..')
const hintsMigration = '0009_hints_safe_rule'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((dispose) => dispose()))

/** The shipped migrations as an older Switchboard had them: every one before the hints migration. */
function migrationsBeforeHints(): string {
  const older = tempDir('switchboard-migrations-')
  cpSync(join(projectRoot, 'resources', 'migrations'), older, { recursive: true })
  const journalFile = join(older, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  const at = journal.entries.findIndex((entry) => entry.tag === hintsMigration)
  expect(at).toBeGreaterThan(0)
  for (const entry of journal.entries.splice(at)) rmSync(join(older, `${entry.tag}.sql`))
  writeFileSync(journalFile, JSON.stringify(journal))
  cleanups.push(() => rmSync(older, { recursive: true, force: true }))
  return older
}

const passphrase = 'correct horse battery'
const secrets = {
  apiKey: 'hello_world_2024',
  login: 'Summer_Pass_1!',
  token: 'sk_live_51Habcdefghijklmnopqr4242',
}
const clientSecret = 'correct_horse_battery_staple_77'
// What the old rule (prefix /^[A-Za-z]{2,8}_(?:[A-Za-z]{2,8}_)?/ plus the last four) stored.
const oldHints = {
  apiKey: 'hello_world_…2024',
  login: 'Summer_Pass_…s_1!',
  token: 'sk_live_…4242',
  clientSecret: 'correct_horse_…e_77',
}
// The words and the ends they gave away (as hints write them, so a chance match elsewhere cannot count).
const revealing = ['hello_world_', '…2024', 'Summer_Pass_', '…s_1!', 'correct_horse_', '…e_77']

function leaks(text: string): string[] {
  return revealing.filter((needle) => text.includes(needle))
}

describe('hints stored under the old rule', () => {
  it('are gone after the update, from the API, the columns and the database files', async () => {
    const dataDir = tempDir()
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))

    // An install made before the hints migration, its hints written as that version wrote them.
    const old = createTempCore({ dataDir, migrationsDir: migrationsBeforeHints() })
    await old.core.vault.setup(passphrase)
    old.core.clients.create({ name: 'Acme' })
    const definition = makeDefinition('hinted', {
      secretSchema: {
        type: 'object',
        properties: {
          apiKey: { type: 'string' },
          login: { type: 'string', format: 'password' },
          token: { type: 'string' },
        },
        required: ['apiKey'],
      },
    })
    const report = await old.core.definitions.importFiles([asFile('hinted.json', definition)])
    expect(report.stored).toBe(1)
    const { id } = old.core.connections.create({
      clientId: 'acme',
      integrationId: 'hinted',
      environment: 'sandbox',
      secrets,
    })
    const setApp = await old.core.dispatch('auth.setApp', {
      integrationId: 'github',
      clientId: 'client-1',
      clientSecret,
    })
    expect(setApp.ok).toBe(true)
    const sqlite = old.core.db.$client
    const setHint = sqlite.prepare(
      'UPDATE connection_secrets SET hint = ? WHERE connection_id = ? AND field = ?',
    )
    for (const field of Object.keys(secrets) as (keyof typeof secrets)[])
      setHint.run(oldHints[field], id, field)
    sqlite.prepare('UPDATE oauth_apps SET client_secret_hint = ?').run(oldHints.clientSecret)
    const before = JSON.stringify(
      sqlite
        .prepare('SELECT hint FROM connection_secrets UNION ALL SELECT client_secret_hint FROM oauth_apps')
        .all(),
    )
    expect(leaks(before)).toEqual(revealing)
    old.core.close()

    // This version opens it: locked first (as every start is), then unlocked.
    const current = createTempCore({ dataDir })
    let open = true
    cleanups.push(() => open && current.core.close())
    const seen = async () =>
      JSON.stringify([
        await current.core.dispatch('connections.list', {}),
        await current.core.dispatch('connections.get', { id }),
        await current.core.dispatch('auth.getApp', { integrationId: 'github' }),
      ])
    const columns = () =>
      current.core.db.$client
        .prepare('SELECT hint FROM connection_secrets UNION ALL SELECT client_secret_hint FROM oauth_apps')
        .all()
    expect(leaks(await seen())).toEqual([])
    expect(columns()).toEqual([
      { hint: '••••••' },
      { hint: '••••••' },
      { hint: '••••••' },
      { hint: '••••••' },
    ])
    // Nor in the files while it is open: the migration's old pages do not wait in the WAL.
    const inFiles = () =>
      databaseFiles(join(dataDir, 'switchboard.db')).flatMap((file) => {
        try {
          return leaks(readFileSync(file).toString('utf8'))
        } catch {
          return []
        }
      })
    expect(inFiles()).toEqual([])
    expect(await current.core.dispatch('vault.unlock', { passphrase })).toMatchObject({ ok: true })
    const listed = await seen()
    expect(leaks(listed)).toEqual([])
    expect(current.core.connections.get(id).secrets.map((s) => [s.field, s.hint])).toEqual([
      ['apiKey', '••••••'],
      ['login', '••••••'],
      ['token', '••••••'],
    ])
    expect(await current.core.dispatch('auth.getApp', { integrationId: 'github' })).toMatchObject({
      ok: true,
      value: { hasSecret: true, secretHint: '••••••' },
    })
    // The secrets themselves are untouched, and the next rotation writes a hint under the new rule.
    expect(current.core.connections.readSecrets(id)).toEqual(secrets)
    const rotated = await current.core.dispatch('connections.rotateSecret', { id, secrets })
    expect(rotated).toMatchObject({ ok: true })
    expect(current.core.connections.get(id).secrets.find((s) => s.field === 'token')?.hint).toBe(
      'sk_live_…4242',
    )

    // Nor do the old hints linger in the database's files once it is closed (the pre-migration
    // backup is a copy of the database as it was, by design).
    current.core.close()
    open = false
    for (const file of databaseFiles(join(dataDir, 'switchboard.db'))) {
      let bytes: Buffer
      try {
        bytes = readFileSync(file)
      } catch {
        continue
      }
      expect(leaks(bytes.toString('utf8')), file).toEqual([])
    }
  })
})
