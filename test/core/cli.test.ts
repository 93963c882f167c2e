// The real `switchboard` bin, spawned the way a user runs it: the bundle package.json's bin points to.
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }
import { defaultDataDir } from '../../src-main/core/paths.ts'
import { cliEntry, projectRoot, runCli } from '../support/cli.ts'
import { tempDir } from '../support/temp-core.ts'
import { latestMigrationTag, migrationCount } from '../support/migrations.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env })

describe('switchboard CLI', () => {
  it('the tests run the package bin: the built bundle', () => {
    expect(pkg.bin.switchboard).toBe(relative(projectRoot, cliEntry).split('\\').join('/'))
  })

  it('--help lists doctor and exits 0', () => {
    const { code, stdout } = run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/Usage: switchboard/)
    expect(stdout).toMatch(/doctor/)
    expect(stdout).toMatch(/--data-dir/)
  })

  it('--version prints the package version', () => {
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` })
  })

  it('doctor --json reports the data dir and the schema version', () => {
    const dataDir = tempDir()
    dirs.push(dataDir)
    const { code, stdout } = run(['--data-dir', dataDir, 'doctor', '--json'])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      dataDir,
      databaseFile: join(dataDir, 'switchboard.db'),
      schemaVersion: migrationCount,
      keyProtector: { kind: 'passphrase', available: false },
      audit: { ok: true },
    })
    expect(report.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'migrations', ok: true })]),
    )
  })

  it('doctor takes the data dir from SWITCHBOARD_DATA_DIR and prints a readable report', () => {
    const dataDir = tempDir()
    dirs.push(dataDir)
    const { code, stdout } = run(['doctor'], { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_PASSPHRASE: 'x' })
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`Data folder\\s+${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`))
    expect(stdout).toMatch(new RegExp(`Schema version\\s+${migrationCount} \\(${latestMigrationTag}\\)`))
    expect(stdout).toMatch(/Key protector\s+passphrase — Passphrase from SWITCHBOARD_PASSPHRASE/)
  })

  it('doctor exits 1 when a check fails', () => {
    const dataDir = tempDir()
    dirs.push(dataDir)
    expect(run(['--data-dir', dataDir, 'doctor']).code).toBe(0)
    const sqlite = spawnSync(
      process.execPath,
      [
        '-e',
        `const D=require('better-sqlite3');const d=new D(${JSON.stringify(join(dataDir, 'switchboard.db'))});` +
          `d.exec("INSERT INTO audit_events (at,actor,action,details,prev_hash,hash) VALUES ('x','x','forged','{}','bad','bad')")`,
      ],
      { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8' },
    )
    expect(sqlite.status).toBe(0)
    const { code, stdout } = run(['--data-dir', dataDir, 'doctor'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/Check audit\s+FAILED — Event #1 does not link to event #0/)
  })

  it('exits 2 on usage errors without touching any data folder', () => {
    const home = tempDir()
    dirs.push(home)
    const unknownCommand = run(['frobnicate'], { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') })
    expect(unknownCommand.code).toBe(2)
    expect(unknownCommand.stderr).toMatch(/unknown command 'frobnicate'/)
    const unknownOption = run(['doctor', '--colour'], { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') })
    expect(unknownOption.code).toBe(2)
    expect(unknownOption.stderr).toMatch(/unknown option '--colour'/)
    expect(run(['--data-dir'], { HOME: home }).code).toBe(2)
  })

  it('defaults to the folder Electron gives the app as userData', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Switchboard')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ada')).toBe('/x/Switchboard')
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Switchboard',
    )
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada'),
    ).toMatch(/Roaming[\\/]Switchboard$/)
    const home = tempDir()
    dirs.push(home)
    const { stdout } = run(['doctor', '--json'], { HOME: home, XDG_CONFIG_HOME: join(home, 'config') })
    expect(JSON.parse(stdout)).toMatchObject({ dataDir: join(home, 'config', 'Switchboard') })
  })
})

describe('code connectors in the built CLI', () => {
  it('loads the manifest’s code connector compiled with the build, whose errors are the runtime’s', () => {
    const data = tempDir('switchboard-cli-certify-')
    dirs.push(data)
    // Built beside the core, not imported as TypeScript at run time.
    expect(existsSync(join(projectRoot, 'out', 'cli', 'connectors', 'google-sheets.js'))).toBe(true)
    const certified = run(['--data-dir', data, 'connectors', 'certify', 'google-sheets'])
    // Loaded from its .ts source instead, its CallFailure would be another class than the runtime's,
    // and "unknown method" and "provider error" would fail as untyped errors.
    expect(certified.stdout).toMatch(/unknown method\s+ok\s+ENDPOINT_MISSING/)
    expect(certified.stdout).toMatch(/provider error\s+ok\s+PROVIDER/)
    expect(certified).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('google-sheets is certified.'),
    })
  })
})
