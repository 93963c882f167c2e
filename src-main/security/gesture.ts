// External links open only right after a real user gesture in the window. Electron reports the
// window's input before the page sees it (webContents' before-input-event and before-mouse-event);
// a script in the renderer cannot fake those, unlike DOM events or window.open itself. The window
// matches Chromium's transient user activation (5 s), doubled for a sign-in whose discovery takes time.

export const gestureWindowMs = 10_000

/** Input that counts as the person acting (not moves, wheels or hovering). */
const gestureTypes = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'char'])

export interface GestureGate {
  /** Called with each input event's type as Electron reports it. */
  note(type: string): void
  /** Whether a gesture happened within the last gestureWindowMs. */
  recent(): boolean
}

export function createGestureGate(now: () => number = Date.now, windowMs = gestureWindowMs): GestureGate {
  let last = Number.NEGATIVE_INFINITY
  return {
    note: (type) => {
      if (gestureTypes.has(type)) last = now()
    },
    recent: () => now() - last <= windowMs,
  }
}
