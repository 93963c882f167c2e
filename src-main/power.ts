// The shell's power events for the core: sleep and wake from Electron's powerMonitor, offline and
// online from polling net.isOnline() (Electron has no event for it). Takes the parts it needs, so
// tests drive it with stand-ins and no Electron.
import type { PowerEvent, PowerEvents } from './core/host.ts'

export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume', listener: () => void): unknown
  removeListener(event: 'suspend' | 'resume', listener: () => void): unknown
}

export function shellPowerEvents(
  monitor: PowerMonitorLike,
  isOnline: () => boolean,
  pollMs = 15_000,
): PowerEvents {
  return {
    subscribe(listener: (event: PowerEvent) => void) {
      const suspend = () => listener('suspend')
      const resume = () => listener('resume')
      monitor.on('suspend', suspend)
      monitor.on('resume', resume)
      let online = isOnline()
      if (!online) listener('offline')
      const poll = setInterval(() => {
        const now = isOnline()
        if (now !== online) listener(now ? 'online' : 'offline')
        online = now
      }, pollMs)
      poll.unref()
      return () => {
        clearInterval(poll)
        monitor.removeListener('suspend', suspend)
        monitor.removeListener('resume', resume)
      }
    },
  }
}
