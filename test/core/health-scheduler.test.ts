// The health scheduler on a real core and loopback provider, with time moved by the test (a clock
// and timers the host injects, as the shell injects Electron's): intervals per environment, jitter,
// bounded concurrency, backoff for repeat failures, pause on sleep/offline and resume, and one
// process only (the lease).
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { backoffFactor, dueAt, type SchedulerLease } from '../../src-main/core/health/scheduler.ts'
import { defaultHealthSettings } from '../../src-main/core/health/settings.ts'
import type { PowerEvent, Timers } from '../../src-main/core/host.ts'
import { shellPowerEvents } from '../../src-main/power.ts'
import { coreWith, movableClock } from '../support/oidc-server.ts'
import { json, startProvider, type Provider } from '../support/provider.ts'
import type { TempCore } from '../support/temp-core.ts'
import { healthDefinition } from '../support/health.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

const minute = 60_000

/** Timers fired when the test moves the clock past them. */
function testTime(idle: () => boolean = () => true) {
  const clock = movableClock()
  let pending: { at: number; fn: () => void; id: number }[] = []
  let next = 1
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++
      pending.push({ at: clock.now().getTime() + ms, fn, id })
      return id
    },
    clearTimeout: (handle) => {
      pending = pending.filter((t) => t.id !== handle)
    },
  }
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5))
  /** Lets the checks that timers started finish (real HTTP to the loopback provider). */
  const settle = async () => {
    await pause()
    for (let waited = 0; !idle() && waited < 10_000; waited += 5) await pause()
  }
  return {
    clock,
    timers,
    /** Moves time forward in steps, firing due timers and letting checks finish between them. */
    async advance(ms: number, step = 10_000) {
      for (let moved = 0; moved < ms;) {
        const by = Math.min(step, ms - moved)
        clock.advance(by)
        moved += by
        for (let round = 0; round < 20; round++) {
          const now = clock.now().getTime()
          const due = pending.filter((t) => t.at <= now)
          if (due.length === 0) break
          pending = pending.filter((t) => t.at > now)
          for (const timer of due) timer.fn()
          await settle()
        }
      }
    },
  }
}

/** The lease of db/lease.ts, in memory: held by a name until released or expired. */
function testLeases(time: { clock: { now(): Date } }) {
  const rows = new Map<string, { holder: string; expiresAt: number }>()
  return (holder: string): SchedulerLease => ({
    take: (name, ttlMs) => {
      const now = time.clock.now().getTime()
      const row = rows.get(name)
      if (row && row.holder !== holder && row.expiresAt > now) return false
      rows.set(name, { holder, expiresAt: now + ttlMs })
      return true
    },
    release: (name) => {
      if (rows.get(name)?.holder === holder) rows.delete(name)
    },
  })
}

function powerEvents() {
  const listeners = new Set<(event: PowerEvent) => void>()
  return {
    subscribe: (listener: (event: PowerEvent) => void) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    emit: (event: PowerEvent) => listeners.forEach((l) => l(event)),
  }
}

interface Setup {
  temp: TempCore
  provider: Provider
  time: ReturnType<typeof testTime>
  power: ReturnType<typeof powerEvents>
  leases: ReturnType<typeof testLeases>
  hits: (path: string) => number
}

async function setup(): Promise<Setup> {
  const provider = await startProvider()
  let temp: TempCore | undefined = undefined
  const time = testTime(() => !temp?.core.health.overview().connections.some((c) => c.checking))
  const power = powerEvents()
  temp = await coreWith([healthDefinition()], {
    clock: time.clock,
    timers: time.timers,
    power,
  })
  const created = temp
  cleanups.push(
    () => provider.close(),
    () => created.dispose(),
  )
  return {
    temp: created,
    provider,
    time,
    power,
    leases: testLeases(time),
    hits: (path) => provider.seen.filter((s) => s.path === path).length,
  }
}

function connect(temp: TempCore, provider: Provider, id: string, path: string, environment = 'production') {
  temp.core.connections.create({
    id,
    clientId: 'acme',
    integrationId: 'svc',
    environment: environment as 'production' | 'sandbox',
    config: { baseUrl: `${provider.url}${path}` },
    secrets: { apiKey: 'k' },
  })
}

const noJitter = () => 0.5

describe('health scheduler', () => {
  it('checks each environment at its interval, with the first checks spread over a minute', async () => {
    const { temp, provider, time, leases, hits } = await setup()
    provider.route('GET', '/p/me', json(200, {}))
    provider.route('GET', '/s/me', json(200, {}))
    connect(temp, provider, 'prod', '/p')
    connect(temp, provider, 'sand', '/s', 'sandbox')
    temp.core.health.startScheduler(leases('app'), { tickMs: minute, random: noJitter })
    await time.advance(20_000)
    expect(hits('/p/me') + hits('/s/me')).toBe(0)
    await time.advance(20_000)
    expect([hits('/p/me'), hits('/s/me')]).toEqual([1, 1])
    await time.advance(14 * minute)
    expect(hits('/p/me')).toBe(1)
    await time.advance(1 * minute)
    expect(hits('/p/me')).toBe(2)
    expect(hits('/s/me')).toBe(1)
    await time.advance(45 * minute)
    expect(hits('/s/me')).toBe(2)
    expect(hits('/p/me')).toBe(5)
    const summary = temp.core.health.overview().connections.find((c) => c.connectionId === 'prod')!
    expect(summary.lastCheck?.trigger).toBe('scheduled')
    expect(Date.parse(summary.nextCheckAt!)).toBe(Date.parse(summary.lastCheck!.startedAt) + 15 * minute)
    expect(temp.core.health.overview().scheduler).toEqual({ running: true, paused: false, reason: null })
    // The trail names the scheduler as the host that made those calls, not the process it runs in.
    const calls = temp.core.audit.list({ kind: 'method.invoked', connectionId: 'prod' }).events
    expect(calls.length).toBeGreaterThanOrEqual(5)
    expect(new Set(calls.map((e) => e.host))).toEqual(new Set(['scheduler']))
  })

  it('runs at most `concurrency` checks at once', async () => {
    const { temp, provider, time, leases } = await setup()
    let open = 0
    let peak = 0
    provider.route('GET', '/slow/me', (_req, res) => {
      open++
      peak = Math.max(peak, open)
      setTimeout(() => {
        open--
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      }, 40)
    })
    for (let i = 0; i < 7; i++) connect(temp, provider, `c${i}`, '/slow')
    temp.core.health.updateSettings({ concurrency: 2 })
    temp.core.health.startScheduler(leases('app'), { tickMs: minute, random: () => 0 })
    await time.advance(1000)
    await expect.poll(() => provider.seen.length, { timeout: 5000 }).toBe(7)
    expect(peak).toBe(2)
  })

  it('backs off for a connection that keeps failing', async () => {
    const { temp, provider, time, leases, hits } = await setup()
    provider.route('GET', '/bad/me', json(401, { message: 'revoked' }))
    connect(temp, provider, 'bad', '/bad')
    temp.core.health.startScheduler(leases('app'), { tickMs: minute, random: noJitter })
    await time.advance(31_000)
    expect(hits('/bad/me')).toBe(1)
    // 1 failure → 15 min; 2 in a row → 30; 3 → 60.
    await time.advance(15 * minute)
    expect(hits('/bad/me')).toBe(2)
    await time.advance(29 * minute)
    expect(hits('/bad/me')).toBe(2)
    await time.advance(1 * minute)
    expect(hits('/bad/me')).toBe(3)
    await time.advance(59 * minute)
    expect(hits('/bad/me')).toBe(3)
    await time.advance(1 * minute)
    expect(hits('/bad/me')).toBe(4)
    expect(backoffFactor(10)).toBe(8)
  })

  it('pauses while the machine sleeps or is offline, and resumes after', async () => {
    const { temp, provider, time, leases, power, hits } = await setup()
    provider.route('GET', '/p/me', json(200, {}))
    connect(temp, provider, 'prod', '/p')
    temp.core.health.startScheduler(leases('app'), { tickMs: minute, random: noJitter, resumeDelayMs: 5000 })
    await time.advance(31_000)
    expect(hits('/p/me')).toBe(1)
    power.emit('suspend')
    expect(temp.core.health.overview().scheduler).toMatchObject({
      paused: true,
      reason: 'The computer is asleep.',
    })
    await time.advance(60 * minute)
    expect(hits('/p/me')).toBe(1)
    power.emit('offline')
    power.emit('resume')
    await time.advance(10 * minute)
    expect(hits('/p/me')).toBe(1)
    expect(temp.core.health.overview().scheduler.reason).toBe('The computer is offline.')
    power.emit('online')
    await time.advance(10_000)
    expect(hits('/p/me')).toBe(2)
    expect(temp.core.health.overview().scheduler.paused).toBe(false)
  })

  it('runs in one process only: another holder of the lease means standing by, then taking over', async () => {
    const { temp, provider, time, leases, hits } = await setup()
    provider.route('GET', '/p/me', json(200, {}))
    connect(temp, provider, 'prod', '/p')
    const other = leases('cli')
    expect(other.take('health.scheduler', 10 * minute)).toBe(true)
    temp.core.health.startScheduler(leases('app'), { tickMs: minute, random: noJitter })
    await time.advance(5 * minute)
    expect(hits('/p/me')).toBe(0)
    expect(temp.core.health.overview().scheduler).toEqual({
      running: false,
      paused: false,
      reason: 'Another Switchboard process runs the scheduled checks.',
    })
    expect(temp.core.health.overview().connections[0]!.nextCheckAt).toBeNull()
    // The other holder stops renewing: its lease expires and this process takes over.
    await time.advance(6 * minute)
    expect(hits('/p/me')).toBe(1)
    expect(temp.core.health.overview().scheduler.running).toBe(true)
  })

  it('due times: interval × backoff, moved by at most 10% either way', () => {
    const fact = {
      connectionId: 'x',
      environment: 'production' as const,
      lastCheckAt: 0,
      consecutiveFailures: 0,
    }
    const s = defaultHealthSettings
    expect(dueAt(fact, s, 0, 0)).toBe(15 * minute)
    expect(dueAt(fact, s, 1, 0)).toBe(16.5 * minute)
    expect(dueAt(fact, s, -1, 0)).toBe(13.5 * minute)
    expect(dueAt({ ...fact, consecutiveFailures: 3 }, s, 0, 0)).toBe(60 * minute)
    expect(dueAt({ ...fact, lastCheckAt: null }, s, 0.5, 1000)).toBe(1000 + 30_000)
  })
})

describe("the shell's power events", () => {
  it('passes on sleep and wake, and turns net.isOnline() changes into offline and online', async () => {
    const monitor = new EventEmitter()
    let online = true
    const seen: PowerEvent[] = []
    const stop = shellPowerEvents(
      monitor as EventEmitter & { on(e: 'suspend' | 'resume', l: () => void): unknown },
      () => online,
      10,
    ).subscribe((event) => seen.push(event))
    monitor.emit('suspend')
    monitor.emit('resume')
    online = false
    await expect.poll(() => seen.at(-1)).toBe('offline')
    online = true
    await expect.poll(() => seen.at(-1)).toBe('online')
    stop()
    monitor.emit('suspend')
    expect(seen).toEqual(['suspend', 'resume', 'offline', 'online'])
    expect(monitor.listenerCount('suspend')).toBe(0)
  })
})
