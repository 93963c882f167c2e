// The handle a drizzle transaction callback receives. Services that write several tables take it so
// their writes join the caller's transaction (one commit, or none).
import type { Db } from './open.ts'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
