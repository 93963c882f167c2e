import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempCore, type TempCore } from '../support/temp-core.ts'

let temp: TempCore
beforeEach(() => {
  let tick = Date.parse('2026-11-21T09:00:00Z')
  temp = createTempCore({ clock: { now: () => new Date((tick += 1000)) } })
})
afterEach(() => temp.dispose())

describe('audit trail', () => {
  it('appends events newest first, with paging', () => {
    for (let i = 1; i <= 5; i++)
      temp.core.audit.append({ action: 'test.event', target: `t${i}`, details: { i } })
    const first = temp.core.audit.list({ limit: 2 })
    expect(first.events.map((e) => e.target)).toEqual(['t5', 't4'])
    expect(first.events[0]).toMatchObject({ actor: 'tester', action: 'test.event', details: { i: 5 } })
    const second = temp.core.audit.list({ limit: 2, before: first.nextBefore ?? undefined })
    expect(second.events.map((e) => e.target)).toEqual(['t3', 't2'])
    const last = temp.core.audit.list({ limit: 2, before: second.nextBefore ?? undefined })
    expect(last).toMatchObject({ events: [{ target: 't1' }], nextBefore: null })
  })

  it('chains each event to the one before it', () => {
    const a = temp.core.audit.append({ action: 'one' })
    const b = temp.core.audit.append({ action: 'two' })
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(b.hash).not.toBe(a.hash)
    expect(temp.core.audit.verify()).toEqual({ ok: true, checked: 2, brokenAt: null })
  })

  it('is append-only in the database itself', () => {
    temp.core.audit.append({ action: 'one' })
    const sqlite = temp.core.db.$client
    expect(() => sqlite.exec("UPDATE audit_events SET action = 'forged'")).toThrow(/append-only/)
    expect(() => sqlite.exec('DELETE FROM audit_events')).toThrow(/append-only/)
  })

  it('finds where a tampered trail breaks', () => {
    for (const action of ['one', 'two', 'three']) temp.core.audit.append({ action, details: { amount: 10 } })
    const sqlite = temp.core.db.$client
    // Someone with the file in hand drops the guard and edits history.
    sqlite.exec('DROP TRIGGER audit_events_no_update')
    sqlite.exec(`UPDATE audit_events SET details = '{"amount":1000}' WHERE seq = 2`)
    expect(temp.core.audit.verify()).toEqual({ ok: false, checked: 1, brokenAt: 2 })
  })
})
