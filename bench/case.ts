/** One benchmark case. Targets are reported, never enforced: timing never fails CI. */
export interface BenchCase {
  name: string
  /** The median latency we aim for, in milliseconds (from the issue that added the case). */
  targetMs?: number
  /**
   * Another case of the same run (by name) whose median this one is compared with, as a ratio: a
   * target that holds on a fast laptop and on a loaded CI machine alike. Running this case runs that
   * one too.
   */
  baseline?: string
  /** The ratio to the baseline's median we aim for. */
  targetRatio?: number
  /** Peak memory of one more run, in MiB (e.g. a spawned process's maxRSS); measured after timing. */
  peakMiB?: () => number | Promise<number>
  targetPeakMiB?: number
  /** Minimum samples and minimum time; heavy cases set few iterations and time 0. */
  iterations?: number
  timeMs?: number
  /** Untimed runs before the samples (tinybench's default is 16; heavy cases set 0 or 1). */
  warmupIterations?: number
  /**
   * Figures the case measures itself beside its latency (events per second, messages per second,
   * a p99 of its own), each with the target it aims for; read after the timed runs.
   */
  metrics?: () => Record<string, { value: number; unit: string; target?: number; higherIsBetter?: boolean }>
  beforeAll?: () => void | Promise<void>
  beforeEach?: () => void | Promise<void>
  fn: () => unknown
  afterEach?: () => void | Promise<void>
  afterAll?: () => void | Promise<void>
}
