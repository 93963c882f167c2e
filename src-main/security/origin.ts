/**
 * scheme://host[:port] of a URL. Node's URL gives "null" as the origin of custom schemes such as
 * app://, so this is computed from the parts; null for anything that is not a URL.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null
  } catch {
    return null
  }
}
