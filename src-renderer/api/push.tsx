// The push channel in the renderer: `window.switchboard.subscribe` (preload or bridge) in a context,
// and usePush to listen to one event by name while a component is mounted. Without a channel (the
// renderer tests' plain client) nothing is pushed and pages still work by refetching.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react'
import type { PushEventName, PushEvents, Subscribe } from '../../src-main/contract/events.ts'

const PushContext = createContext<Subscribe | null>(null)

export function PushProvider({ subscribe, children }: { subscribe: Subscribe | null; children: ReactNode }) {
  return <PushContext.Provider value={subscribe}>{children}</PushContext.Provider>
}

export function usePush<N extends PushEventName>(
  name: N,
  listener: (payloads: PushEvents[N][]) => void,
): void {
  const subscribe = useContext(PushContext)
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => {
    if (!subscribe) return
    return subscribe(name, (payloads) => latest.current(payloads))
  }, [subscribe, name])
}
