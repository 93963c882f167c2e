// The contract's health.* calls.
import type { Handlers } from '../../contract/api.ts'
import type { Health } from './index.ts'

export function healthHandlers(health: Health): Pick<Handlers, Extract<keyof Handlers, `health.${string}`>> {
  return {
    'health.overview': (filter) => health.overview(filter),
    'health.history': ({ connectionId, limit, before }) => health.history(connectionId, limit, before),
    'health.checkNow': (target) => health.startCheckNow(target),
    'health.settings': () => health.settings(),
    'health.updateSettings': (change) => health.updateSettings(change),
  }
}
