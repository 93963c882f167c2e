// A look at the document's $refs before anything follows them. Following them — swagger-parser's
// dereference, its schema check, the conversion — walks the document as if each $ref were replaced by
// what it points to, so a document built to explode (each schema using the one before it twice: 2^n
// values for n schemas) or to loop (a $ref cycle) would hang or overflow the stack there. This walk
// visits each object of the document once, with an explicit stack, and measures what the rest would
// face: the size and depth of the document with its $refs followed, the cycles, and the $refs that
// point outside the document or to nothing in it.
import { isObj, issuePath, type Obj } from './util.ts'

export interface ReferenceReport {
  /** JSON values in the document once its $refs are followed (each use of a component counted). */
  size: number
  /** Nesting depth once the $refs are followed. */
  depth: number
  /** Where each $ref that closes a cycle is ("components.schemas.Node.properties.next"). */
  cycles: string[]
  /** $refs to another file or a URL, with where they are; at most 20. */
  external: { path: string; ref: string }[]
  /** $refs within the document to something it does not contain; at most 20. */
  missing: { path: string; ref: string }[]
}

interface Measure {
  size: number
  depth: number
}

export function inspectReferences(document: Obj): ReferenceReport {
  const targets = new Map<string, unknown>()
  const resolve = (ref: string): unknown => {
    if (!targets.has(ref)) targets.set(ref, resolvePointer(document, ref))
    return targets.get(ref)
  }
  const externalNodes: [object, string][] = []
  const missingNodes: [object, string][] = []
  const cycleNodes = new Set<object>()
  // Each object's followed children: its values, except that a {$ref: "#…"} also leads to its target.
  const edges = (node: object): unknown[] => {
    if (Array.isArray(node)) return node
    const record = node as Obj
    const values = Object.values(record)
    const ref = record.$ref
    if (typeof ref !== 'string') return values
    if (!ref.startsWith('#')) {
      if (externalNodes.length < 20) externalNodes.push([node, ref])
      return values
    }
    const target = resolve(ref)
    if (target === missing) {
      if (missingNodes.length < 20) missingNodes.push([node, ref])
    } else values.push(target)
    return values
  }

  // Depth-first, post-order, each object once. null marks an object being walked (on the current
  // path), so meeting it again is a cycle, closed by the $ref the current object is (or holds).
  interface Frame {
    node: object
    children: unknown[] | undefined
  }
  const measured = new Map<object, Measure | null>()
  const stack: Frame[] = [{ node: document, children: undefined }]
  while (stack.length) {
    const frame = stack[stack.length - 1] as Frame
    const { node } = frame
    if (!frame.children) {
      if (measured.has(node)) {
        stack.pop()
        continue
      }
      measured.set(node, null)
      frame.children = edges(node)
      for (const child of frame.children) {
        if (typeof child !== 'object' || child === null) continue
        const state = measured.get(child)
        if (state === null) cycleNodes.add(node)
        else if (state === undefined) stack.push({ node: child, children: undefined })
      }
      continue
    }
    stack.pop()
    let size = 1
    let depth = 0
    for (const child of frame.children) {
      if (typeof child !== 'object' || child === null) {
        size++
        continue
      }
      // A child met as part of a cycle is still being walked: it counts as one value.
      const inner = measured.get(child)
      size += inner ? inner.size : 1
      if (inner && inner.depth > depth) depth = inner.depth
    }
    measured.set(node, { size, depth: depth + 1 })
  }
  const total = measured.get(document) ?? { size: 0, depth: 0 }
  const found = [...cycleNodes, ...[...externalNodes, ...missingNodes].map(([node]) => node)]
  const paths = found.length ? treePaths(document, new Set(found)) : new Map<object, string>()
  return {
    size: total.size,
    depth: total.depth,
    cycles: [...cycleNodes].map((node) => paths.get(node) ?? '(root)'),
    external: externalNodes.map(([node, ref]) => ({ path: paths.get(node) ?? '(root)', ref })),
    missing: missingNodes.map(([node, ref]) => ({ path: paths.get(node) ?? '(root)', ref })),
  }
}

const missing = Symbol('missing')

/** "#/components/schemas/a~1b" → the value there, or `missing`. */
function resolvePointer(document: Obj, ref: string): unknown {
  let fragment = ref.slice(1)
  try {
    fragment = decodeURIComponent(fragment)
  } catch {
    // Not percent-encoded after all.
  }
  // "#name" (an anchor) is left to the parser.
  if (fragment !== '' && !fragment.startsWith('/')) return undefined
  let at: unknown = document
  for (const raw of fragment ? fragment.slice(1).split('/') : []) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(at) && /^\d+$/.test(key) && Number(key) < at.length) at = at[Number(key)]
    else if (isObj(at) && Object.hasOwn(at, key)) at = at[key]
    else return missing
  }
  return at
}

/** Where in the document (as written, a tree) each wanted object is. Used for error messages only. */
function treePaths(document: Obj, wanted: Set<object>): Map<object, string> {
  // Entries keep their parent rather than their path, so paths are built for the wanted objects only.
  interface Entry {
    value: unknown
    key: string | number
    parent: Entry | undefined
  }
  const pathOf = (entry: Entry): string => {
    const keys: (string | number)[] = []
    for (let at: Entry | undefined = entry; at?.parent; at = at.parent) keys.unshift(at.key)
    return issuePath(...keys) || '(root)'
  }
  const paths = new Map<object, string>()
  const stack: Entry[] = [{ value: document, key: '', parent: undefined }]
  while (stack.length && paths.size < wanted.size) {
    const entry = stack.pop() as Entry
    const { value } = entry
    if (typeof value !== 'object' || value === null) continue
    if (wanted.has(value) && !paths.has(value)) paths.set(value, pathOf(entry))
    if (Array.isArray(value))
      value.forEach((item, index) => stack.push({ value: item, key: index, parent: entry }))
    else for (const [key, child] of Object.entries(value)) stack.push({ value: child, key, parent: entry })
  }
  return paths
}
