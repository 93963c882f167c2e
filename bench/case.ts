/** One benchmark case. Targets are reported, never enforced: timing never fails CI. */
export interface BenchCase {
  name: string
  /** The median latency we aim for, in milliseconds (from the issue that added the case). */
  targetMs?: number
  /** Minimum samples and minimum time; heavy cases set few iterations and time 0. */
  iterations?: number
  timeMs?: number
  beforeAll?: () => void | Promise<void>
  beforeEach?: () => void | Promise<void>
  fn: () => unknown
  afterEach?: () => void | Promise<void>
  afterAll?: () => void | Promise<void>
}
