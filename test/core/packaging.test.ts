// The packaged app's Electron fuses, as electron-builder flips them at packaging (its `electronFuses`
// option, through @electron/fuses): no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect; the app
// only from its asar archive, whose integrity is checked. The configuration goes through
// electron-builder's own fuse mapping and its own configuration schema, so a misspelt or misplaced
// option (silently ignored at packaging) fails here.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { Ajv } from 'ajv'
import { PlatformPackager } from 'app-builder-lib'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const build = (
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { build: Record<string, unknown> }
).build
const builderSchema = JSON.parse(
  readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as Record<string, unknown>

/** What electron-builder hands @electron/fuses for our configuration (its own code, not a copy). */
async function fusesAtPackaging(): Promise<Record<string, unknown>> {
  // A private method of electron-builder's packager; it uses no instance state.
  const generate = (PlatformPackager.prototype as unknown as Record<string, unknown>).generateFuseConfig
  if (typeof generate !== 'function') throw new Error('electron-builder no longer has generateFuseConfig')
  return (await generate.call(undefined, build.electronFuses)) as Record<string, unknown>
}

describe('packaging', () => {
  it('flips the fuses a breach of the packaged app would need', async () => {
    const fuses = await fusesAtPackaging()
    expect(fuses.version).toBe(FuseVersion.V1)
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false)
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
  })

  it('is a configuration electron-builder accepts, key for key', () => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    const validate = ajv.compile(builderSchema)
    expect(validate(build) ? [] : validate.errors).toEqual([])
  })

  it('packs the app into an asar archive (the integrity fuse checks it)', () => {
    expect(build.asar).not.toBe(false)
  })
})
