import { originOf } from './origin.ts'

/** The parts of Electron's WebFrameMain the check reads (structural, so tests need no Electron). */
export interface FrameLike {
  url: string
  parent: FrameLike | null
}

/**
 * A call is trusted only from the top-level frame of a document served from the app's own origin:
 * never from an iframe, a navigated-away page, or a frame that has gone (null).
 */
export function isTrustedSender(frame: FrameLike | null | undefined, appOrigin: string): boolean {
  if (!frame || frame.parent !== null) return false
  return originOf(frame.url) === appOrigin
}
