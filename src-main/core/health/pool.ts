// A bounded pool of keyed jobs: at most `concurrency` run at once, and a key that is already queued or
// running is never started twice — asking again joins the job in flight. This is what keeps two
// checks of one connection from ever overlapping inside one process.
export interface KeyedPool {
  run<T>(key: string, job: () => Promise<T>): Promise<T>
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
    run<T>(key: string, job: () => Promise<T>): Promise<T> {
      const existing = inFlight.get(key)
      if (existing) return existing as Promise<T>
      const promise = new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          // Freed before the caller hears the result, so asking again right after starts a new job;
          // a job that throws synchronously frees its slot too.
          const settle = (fn: () => void) => {
            active--
            inFlight.delete(key)
            fn()
            pump()
          }
          Promise.resolve()
            .then(job)
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
