// A bounded pool of keyed jobs: at most `concurrency` run at once, and a key that is already queued or
// running is never started twice — asking again joins the job in flight. This is what keeps two
// checks of one connection from ever overlapping inside one process. A job may give its slot back
// before it ends (`release`): a check frees it once the network part is done, while its key stays
// busy until its record has committed.
export interface KeyedPool {
  run<T>(key: string, job: (release: () => void) => Promise<T>): Promise<T>
  /** Keys queued or running. */
  busy(key: string): boolean
  readonly running: number
  readonly queued: number
  setConcurrency(n: number): void
}

export function createKeyedPool(concurrency: number): KeyedPool {
  let limit = Math.max(1, concurrency)
  let active = 0
  const waiting: (() => void)[] = []
  const inFlight = new Map<string, Promise<unknown>>()

  const pump = () => {
    while (active < limit && waiting.length) {
      active++
      waiting.shift()!()
    }
  }

  return {
    run<T>(key: string, job: (release: () => void) => Promise<T>): Promise<T> {
      const existing = inFlight.get(key)
      if (existing) return existing as Promise<T>
      const promise = new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          // Freed before the caller hears the result, so asking again right after starts a new job;
          // a job that throws synchronously frees its slot too.
          let holding = true
          const release = () => {
            if (!holding) return
            holding = false
            active--
            pump()
          }
          const settle = (fn: () => void) => {
            inFlight.delete(key)
            release()
            fn()
          }
          Promise.resolve()
            .then(() => job(release))
            .then(
              (value) => settle(() => resolve(value)),
              (error: unknown) => settle(() => reject(error)),
            )
        })
      })
      inFlight.set(key, promise)
      pump()
      return promise
    },
    busy: (key) => inFlight.has(key),
    get running() {
      return active
    },
    get queued() {
      return waiting.length
    },
    setConcurrency(n: number) {
      limit = Math.max(1, n)
      pump()
    },
  }
}
