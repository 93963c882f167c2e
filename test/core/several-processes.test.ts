// Several processes on one data folder, as the app, the CLI and (later) MCP and the scheduler will be:
// writers killed with SIGKILL at random moments, two writers at once, and one refresh across processes.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../src-main/core/index.ts'
import { checkFile } from '../../src-main/core/db/backup.ts'
import { passphraseProtector } from '../../src-main/core/vault/key-protector.ts'

const passphrase = 'correct horse battery staple'
const env = { ...process.env, SWITCHBOARD_PASSPHRASE: passphrase }
const child = resolve(import.meta.dirname, '../support/core-child.ts')

const openCore = (dataDir: string) =>
  createCore({
    dataDir,
    appVersion: '0.0.0-test',
    hostKind: 'cli',
    keyProtector: passphraseProtector(env),
    openUrl: async () => {},
  })

interface Run {
  lines: Record<string, unknown>[]
  done: Promise<void>
  kill(): void
  ready: Promise<void>
}

function start(dataDir: string, args: string[]): Run {
  const proc = spawn(process.execPath, [child, dataDir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Record<string, unknown>[] = []
  let buffer = ''
  let onReady = () => {}
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    let newline
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>
      buffer = buffer.slice(newline + 1)
      lines.push(line)
      if (line.ready) onReady()
    }
  })
  proc.stderr.on('data', () => {})
  const done = new Promise<void>((resolve) => proc.on('exit', () => (onReady(), resolve())))
  return { lines, done, ready, kill: () => proc.kill('SIGKILL') }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let dataDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-procs-'))
  const core = openCore(dataDir)
  await core.vault.setup(passphrase)
  core.clients.create({ name: 'Acme' })
  core.close()
}, 120_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** After a crash: the file is sound, every reported change is whole, and no half change exists. */
async function checkAfterCrash(reported: string[]) {
  expect(checkFile(join(dataDir, 'switchboard.db'))).toEqual([])
  const core = openCore(dataDir)
  try {
    await core.vault.unlock(passphrase)
    const sqlite = core.db.$client
    const ids = new Set(
      (sqlite.prepare('SELECT id FROM connections').all() as { id: string }[]).map((r) => r.id),
    )
    for (const id of reported) expect(ids.has(id), `${id} was reported written`).toBe(true)
    // No half change: a connection without its secret or its event, or an event without its connection.
    expect(
      sqlite
        .prepare(
          `SELECT id FROM connections c WHERE NOT EXISTS (SELECT 1 FROM connection_secrets s WHERE s.connection_id = c.id)
           OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'connection.created' AND e.connection_id = c.id)`,
        )
        .all(),
    ).toEqual([])
    expect(
      sqlite
        .prepare(
          `SELECT seq FROM audit_events e WHERE e.action = 'connection.created'
           AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.id = e.connection_id)`,
        )
        .all(),
    ).toEqual([])
    expect(core.audit.verify()).toMatchObject({ ok: true, keyChecked: true })
    return ids.size
  } finally {
    core.close()
  }
}

describe('several processes on one data folder', () => {
  it('loses nothing reported and leaves no half change when writers are SIGKILLed at random moments', async () => {
    const rounds = Number(process.env.SWITCHBOARD_CRASH_ROUNDS ?? 20)
    // 1,000 writes a round (connections with their secrets and audit events), from two processes.
    const perProcess = '500'
    // How long the whole command takes here, both processes at once and left to finish: kills are
    // spread over that whole length, start-up included.
    const began = Date.now()
    const whole = [0, 1].map((k) => start(dataDir, ['writes', `full${k}`, perProcess]))
    await Promise.all(whole.map((run) => run.done))
    const lengthMs = Date.now() - began
    const finished = whole.flatMap((run) =>
      run.lines.flatMap((l) => (typeof l.ok === 'string' ? [l.ok] : [])),
    )
    expect(finished).toHaveLength(1000)
    await checkAfterCrash(finished)
    let attempted = 0
    let survived = 0
    for (let round = 0; round < rounds; round++) {
      const runs = [0, 1].map((k) => start(dataDir, ['writes', `r${round}p${k}`, perProcess]))
      await Promise.all(
        runs.map(async (run) => {
          await sleep(Math.random() * lengthMs)
          run.kill()
          await run.done
        }),
      )
      const reported = runs.flatMap((run) =>
        run.lines.flatMap((l) => (typeof l.ok === 'string' ? [l.ok] : [])),
      )
      attempted += runs.reduce((n, run) => n + run.lines.filter((l) => l.ok || l.failed).length, 0) + 2
      survived = await checkAfterCrash(reported)
    }
    console.log(
      `crash test: ${rounds} rounds over ${lengthMs} ms each, ${attempted} writes attempted, ${survived} connections kept`,
    )
    expect(survived).toBeGreaterThan(1000)
  }, 1_800_000)

  it('two processes writing at once both succeed, or one says the data folder is busy', async () => {
    const runs = [0, 1].map((k) => start(dataDir, ['writes', `both${k}`, '40']))
    await Promise.all(runs.map((run) => run.done))
    for (const run of runs) {
      for (const line of run.lines.filter((l) => l.failed)) expect(String(line.error)).toMatch(/busy/i)
    }
    const reported = runs.flatMap((run) => run.lines.flatMap((l) => (typeof l.ok === 'string' ? [l.ok] : [])))
    expect(reported.length).toBeGreaterThan(40)
    await checkAfterCrash(reported)
  }, 300_000)

  it('keeps the data folder 0700 and every file in it 0600', () => {
    if (process.platform === 'win32') return
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name)
      expect([path, statSync(path).mode & 0o777]).toEqual([path, entry.isDirectory() ? 0o700 : 0o600])
    }
  })
})
