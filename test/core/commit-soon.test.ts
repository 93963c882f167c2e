// writer.commitSoon (db/write.ts): bookkeeping that joins the writeSoon batch and settles only once the
// batch has committed. One job that throws is rejected with its own error while the rest of the batch
// commits; a batch whose transaction fails rejects every commitSoon caller and writes nothing. Watched
// through a second SQLite handle, as another process would see the file.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { databaseFileName } from '../../src-main/core/index.ts'
import { leases } from '../../src-main/core/db/schema.ts'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

function setup() {
  const temp: TempCore = createTempCore()
  cleanups.push(temp.dispose)
  const other = new Database(join(temp.dataDir, databaseFileName), { readonly: true })
  cleanups.push(() => void other.close())
  const namesOnDisk = () =>
    (other.prepare('SELECT name FROM leases ORDER BY name').all() as { name: string }[]).map(
      (row) => row.name,
    )
  const lease = (name: string) => ({ name, holder: 'test', expiresAt: 0, acquiredAt: '2026-12-02T00:00:00Z' })
  return { writer: temp.core.writer, namesOnDisk, lease }
}

describe('writer.commitSoon', () => {
  it('resolves with its result only once the row is on disk', { timeout: 15_000 }, async () => {
    const { writer, namesOnDisk, lease } = setup()
    const pending = writer.commitSoon('a test row', (tx) => {
      tx.insert(leases).values(lease('a')).run()
      return 'done'
    })
    // Still waiting for the batch: another process sees nothing yet.
    expect(namesOnDisk()).toEqual([])
    await expect(pending).resolves.toBe('done')
    expect(namesOnDisk()).toEqual(['a'])
  })

  it(
    'a job that throws is rejected with its own error; the rest of its batch commits',
    { timeout: 15_000 },
    async () => {
      const { writer, namesOnDisk, lease } = setup()
      const first = writer.commitSoon('a good row', (tx) => void tx.insert(leases).values(lease('a')).run())
      const bad = writer.commitSoon('a row that breaks half-way', (tx) => {
        tx.insert(leases).values(lease('half')).run()
        throw new Error('the bookkeeping failed')
      })
      const last = writer.commitSoon(
        'another good row',
        (tx) => void tx.insert(leases).values(lease('b')).run(),
      )
      await expect(bad).rejects.toThrow('the bookkeeping failed')
      await expect(first).resolves.toBeUndefined()
      await expect(last).resolves.toBeUndefined()
      // The failed job's savepoint was rolled back: its half-written row is not there.
      expect(namesOnDisk()).toEqual(['a', 'b'])
    },
  )

  it(
    'a batch whose transaction fails rejects every caller and commits none of it',
    { timeout: 15_000 },
    async () => {
      const { writer, namesOnDisk, lease } = setup()
      const queued = writer.commitSoon('a row before the failing write', (tx) => {
        tx.insert(leases).values(lease('queued')).run()
      })
      // A write that fails after the waiting batch ran inside its transaction takes the batch down with it.
      expect(() =>
        writer.writeUnrecorded('a write that fails', (tx) => {
          tx.insert(leases).values(lease('write')).run()
          throw new Error('the write failed')
        }),
      ).toThrow('the write failed')
      await expect(queued).rejects.toThrow('the write failed')
      expect(namesOnDisk()).toEqual([])
      // The writer is usable afterwards, and the rejected job is not retried behind the caller's back.
      await writer.commitSoon('a later row', (tx) => void tx.insert(leases).values(lease('later')).run())
      expect(namesOnDisk()).toEqual(['later'])
    },
  )
})
