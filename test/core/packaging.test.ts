// The packaged app's Electron fuses, as electron-builder will flip them (its `electronFuses` option,
// through @electron/fuses): no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect; the app only from
// its asar archive, whose integrity is checked. The keys are checked against electron-builder's own
// configuration schema, so a misspelt fuse (silently ignored at packaging) fails here.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const build = (
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { build: Record<string, unknown> }
).build
const builderSchema = JSON.parse(
  readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } }

describe('packaging', () => {
  it('flips the fuses a breach of the packaged app would need', () => {
    expect(build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
    const known = Object.keys(builderSchema.definitions.FuseOptionsV1.properties)
    expect(Object.keys(build.electronFuses as object).filter((key) => !known.includes(key))).toEqual([])
  })

  it('packs the app into an asar archive (the integrity fuse checks it)', () => {
    expect(build.asar).not.toBe(false)
  })
})
