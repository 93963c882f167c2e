// Maps a request path to a file of the built renderer (out/renderer), for both the app:// protocol
// and the HTTP test bridge. Paths that escape the folder are refused; unknown paths that look like
// routes fall back to index.html.
import { existsSync, statSync } from 'node:fs'
import { extname, join, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export function resolveRendererFile(rootDir: string, urlPath: string): string | null {
  const root = resolve(rootDir)
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  const file = resolve(join(root, decoded))
  if (file !== root && !file.startsWith(root + sep)) return null
  if (existsSync(file) && statSync(file).isFile()) return file
  // Only extension-less paths are routes; a missing asset is a 404, not the app page.
  return extname(decoded) ? null : join(root, 'index.html')
}
