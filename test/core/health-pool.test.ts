// The keyed pool behind health checks: bounded concurrency, one job per key, and a slot given back
// early (`release`) goes to the next job while the key stays busy until its job ends.
import { describe, expect, it } from 'vitest'
import { createKeyedPool } from '../../src-main/core/health/pool.ts'

const deferred = () => {
  let resolve: () => void = () => {}
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('keyed pool', () => {
  it('a released slot starts the next job; the key stays busy and a second ask joins', async () => {
    const pool = createKeyedPool(1)
    const recordA = deferred()
    const started: string[] = []
    const a = pool.run('a', async (release) => {
      started.push('a')
      release()
      release() // twice is harmless
      await recordA.promise
      return 'a done'
    })
    const b = pool.run('b', async () => {
      started.push('b')
      return 'b done'
    })
    expect(await b).toBe('b done')
    expect(started).toEqual(['a', 'b'])
    expect(pool.busy('a')).toBe(true)
    expect(pool.run('a', async () => 'a again')).toBe(a)
    recordA.resolve()
    expect(await a).toBe('a done')
    expect(pool.busy('a')).toBe(false)
    expect(pool.running).toBe(0)
  })

  it('without release the slot is held until the job ends, also when it throws', async () => {
    const pool = createKeyedPool(1)
    const gate = deferred()
    const started: string[] = []
    const a = pool.run('a', async () => {
      started.push('a')
      await gate.promise
      throw new Error('boom')
    })
    const b = pool.run('b', async () => void started.push('b'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(started).toEqual(['a'])
    expect(pool.queued).toBe(1)
    gate.resolve()
    await expect(a).rejects.toThrow('boom')
    await b
    expect(started).toEqual(['a', 'b'])
  })
})
