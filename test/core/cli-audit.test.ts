// `switchboard audit` as users run it (the built CLI, its own process, a real data folder): list with
// its filters, export as JSON Lines, verify exiting 1 and naming the first broken event once a row is
// edited; and two CLI processes changing the same data folder at once, losing nothing.
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, runCliAsync } from '../support/cli.ts'
import { tempDir } from '../support/temp-core.ts'

const env = { SWITCHBOARD_PASSPHRASE: 'correct horse battery staple' }

interface ListedEvent {
  seq: number
  action: string
  host: string
  clientId: string | null
}

describe('switchboard audit', () => {
  it('lists with filters, exports JSON Lines, and verify exits 1 naming the first broken event', () => {
    const dataDir = tempDir()
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { env })
    const acme = JSON.parse(cli('clients', 'add', 'Acme', '--json').stdout) as { id: string }
    const beta = JSON.parse(cli('clients', 'add', 'Beta', '--json').stdout) as { id: string }

    const listed = cli('audit', 'list', '--json')
    expect(listed.code).toBe(0)
    const all = JSON.parse(listed.stdout) as ListedEvent[]
    // Each command after the first opens the vault, and says so.
    expect(all.map((e) => e.action)).toEqual([
      'client.created',
      'vault.unlocked',
      'client.created',
      'vault.set-up',
    ])
    expect(new Set(all.map((e) => e.host))).toEqual(new Set(['cli']))
    const forBeta = JSON.parse(cli('audit', 'list', '--client', beta.id, '--json').stdout) as ListedEvent[]
    expect(forBeta.map((e) => [e.action, e.clientId])).toEqual([['client.created', beta.id]])
    const vaultOnly = JSON.parse(cli('audit', 'list', '--kind', 'vault', '--json').stdout) as ListedEvent[]
    expect(vaultOnly.map((e) => e.action)).toEqual(['vault.unlocked', 'vault.set-up'])
    const future = JSON.parse(cli('audit', 'list', '--since', '2999-01-01', '--json').stdout) as unknown[]
    expect(future).toEqual([])
    const table = cli('audit', 'list', '--client', acme.id)
    expect(table.stdout).toMatch(/SEQ\s+AT\s+HOST\s+USER\s+ACTION/)
    expect(table.stdout).toMatch(/client\.created/)
    const badDate = cli('audit', 'list', '--since', 'yesterday-ish')
    expect(badDate.code).not.toBe(0)
    expect(badDate.stderr).toMatch(/--since must be a date or date-time/)

    const out = join(tempDir(), 'trail.jsonl')
    const exported = cli('audit', 'export', '--out', out, '--client', acme.id)
    expect(exported.code).toBe(0)
    expect(exported.stderr).toMatch(/wrote 1 events to/)
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines.map((line) => (JSON.parse(line) as ListedEvent).clientId)).toEqual([acme.id])
    expect(cli('audit', 'export').stderr).toMatch(/--out/)

    const sound = cli('audit', 'verify')
    expect(sound.code).toBe(0)
    expect(sound.stdout).toMatch(/^ok: \d+ events, chain intact, keys checked/)

    // Someone with the file edits Acme's event, as anyone able to write the file could.
    const edited = all[2]!.seq
    const file = new Database(join(dataDir, 'switchboard.db'))
    file.exec('DROP TRIGGER audit_events_no_update')
    file.prepare("UPDATE audit_events SET target = 'someone-else' WHERE seq = ?").run(edited)
    file.close()
    const broken = cli('audit', 'verify')
    expect(broken.code).toBe(1)
    expect(broken.stdout).toMatch(new RegExp(`^broken at event #${edited}: Event #${edited} was changed`))
    const asJson = JSON.parse(cli('audit', 'verify', '--json').stdout) as { ok: boolean; brokenAt: number }
    expect(asJson).toMatchObject({ ok: false, brokenAt: edited })
  }, 90_000)

  it('two CLI processes adding clients at once both succeed, or one says the folder is busy', async () => {
    const dataDir = tempDir()
    // The vault is set up first, so the two do not race to create it.
    expect(runCli(['--data-dir', dataDir, 'clients', 'add', 'First'], { env }).code).toBe(0)
    const writer = async (name: string) => {
      const outcomes: { name: string; code: number | null; stderr: string }[] = []
      for (let i = 0; i < 4; i++) {
        const client = `${name} ${i}`
        const run = await runCliAsync(['--data-dir', dataDir, 'clients', 'add', client], { env })
        outcomes.push({ name: client, code: run.code, stderr: run.stderr })
      }
      return outcomes
    }
    const outcomes = (await Promise.all([writer('Left'), writer('Right')])).flat()
    for (const outcome of outcomes) if (outcome.code !== 0) expect(outcome.stderr).toMatch(/busy/)
    const reported = outcomes.filter((o) => o.code === 0).map((o) => o.name)
    expect(reported.length).toBeGreaterThan(0)
    const listed = runCli(['--data-dir', dataDir, 'clients', 'list', '--json'], { env })
    const names = (JSON.parse(listed.stdout) as { name: string }[]).map((c) => c.name)
    for (const name of reported) expect(names).toContain(name)
    expect(names).toHaveLength(reported.length + 1)
    const verified = runCli(['--data-dir', dataDir, 'audit', 'verify'], { env })
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/^ok: \d+ events, chain intact, keys checked/)
    const created = runCli(['--data-dir', dataDir, 'audit', 'list', '--kind', 'client.created', '--json'], {
      env,
    })
    expect(JSON.parse(created.stdout)).toHaveLength(reported.length + 1)
  }, 180_000)
})
