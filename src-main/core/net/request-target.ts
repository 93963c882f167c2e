// Parsing what a client sent on a loopback listener. `new URL()` and `decodeURIComponent()` throw on
// malformed input ("GET http://[ HTTP/1.1", "%E0%A4%A"); inside a request listener that throw is an
// uncaught exception that kills the process. Listeners use these and answer 400 on null instead.

/** The request's URL resolved against `base`, or null when it is not a URL. */
export function parseRequestTarget(raw: string | undefined, base: string): URL | null {
  try {
    return new URL(raw ?? '/', base)
  } catch {
    return null
  }
}

/** decodeURIComponent, or null for malformed percent-encoding. */
export function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}
