// The layering rules, enforced (after VS Code's import rules): the core and every headless host stay
// free of Electron, the renderer reaches main code only through the contract's types, and the preload
// exposes the contract and nothing else.
import { builtinModules } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

interface ImportRef {
  file: string
  specifier: string
  typeOnly: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(join(root, file), 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const refs: ImportRef[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        Boolean(clause?.isTypeOnly) ||
        Boolean(
          clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly),
        )
      refs.push({ file, specifier: node.moduleSpecifier.text, typeOnly })
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      refs.push({ file, specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      refs.push({ file, specifier: node.arguments[0].text, typeOnly: false })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return refs
}

function resolvedPath(ref: ImportRef): string | null {
  if (!ref.specifier.startsWith('.')) return null
  return relative(root, resolve(root, ref.file, '..', ref.specifier))
}

/** Dependency-free contract modules the renderer may run: the derived defaults and the message builder. */
const rendererRunnable = [
  'src-main/contract/definition-defaults.ts',
  'src-main/contract/schema-messages.ts',
  'src-main/contract/settings.ts',
  'src-main/contract/recovery.ts',
  'src-main/contract/secret-environment.ts',
]

const isElectron = (ref: ImportRef) => ref.specifier === 'electron' || ref.specifier.startsWith('electron/')
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

describe('layering', () => {
  it('the core never imports electron, not even its types', () => {
    const offenders = sourceFiles('src-main/core').flatMap(importsOf).filter(isElectron)
    expect(offenders).toEqual([])
  })

  it('the headless hosts (CLI, bridge, MCP) and the tests never load electron', () => {
    const files = [
      'src-main/cli.ts',
      ...sourceFiles('src-main/cli'),
      ...sourceFiles('src-main/bridge'),
      ...sourceFiles('src-main/mcp'),
      ...sourceFiles('src-main/hosting'),
      ...sourceFiles('test'),
      ...sourceFiles('bench'),
    ]
    const offenders = files.flatMap(importsOf).filter((ref) => isElectron(ref) && !ref.typeOnly)
    expect(offenders).toEqual([])
  })

  it('no host imports another host’s files: what they share lives in src-main/hosting', () => {
    // The Electron shell is src-main's own top-level files, security/ and its preload; src-main/cli.ts
    // is the entry that picks the CLI or the MCP host, and is no host itself. The preload and the
    // browser bridge share the window.switchboard builders through the contract, not each other.
    const hosts: Record<string, string[]> = {
      shell: [
        ...readdirSync(join(root, 'src-main'), { withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith('.ts') && e.name !== 'cli.ts')
          .map((e) => `src-main/${e.name}`),
        ...sourceFiles('src-main/security'),
        ...sourceFiles('src-preload'),
      ],
      cli: sourceFiles('src-main/cli'),
      bridge: sourceFiles('src-main/bridge'),
      mcp: sourceFiles('src-main/mcp'),
    }
    expect(hosts.mcp?.length).toBeGreaterThan(2)
    const hostOf = (file: string) =>
      Object.entries(hosts).find(([, files]) => files.includes(file))?.[0] ?? null
    const offenders = Object.entries(hosts).flatMap(([host, files]) =>
      files
        .flatMap(importsOf)
        .map((ref) => ({ ref, target: resolvedPath(ref) }))
        .filter(({ target }) => target !== null && hostOf(target) !== null && hostOf(target) !== host)
        .map(({ ref, target }) => `${ref.file} (${host}) imports ${target}`),
    )
    expect(offenders).toEqual([])
    const neutral = sourceFiles('src-main/hosting')
      .flatMap(importsOf)
      .map(resolvedPath)
      .filter((target) => target !== null && hostOf(target) !== null)
    expect(neutral).toEqual([])
  })

  it('the contract imports nothing but itself and typebox', () => {
    const offenders = sourceFiles('src-main/contract')
      .flatMap(importsOf)
      .filter((ref) => !(ref.specifier === 'typebox' || ref.specifier.startsWith('./')))
    expect(offenders).toEqual([])
  })

  it('the contract modules the renderer runs import nothing but types (and each other)', () => {
    const runnable = (ref: ImportRef) =>
      rendererRunnable.includes(
        relative(root, resolve(root, dirname(ref.file), ref.specifier)).replaceAll('\\', '/'),
      )
    const offenders = rendererRunnable.flatMap(importsOf).filter((ref) => !ref.typeOnly && !runnable(ref))
    expect(offenders).toEqual([])
  })

  it('the renderer imports no Node built-ins and no main code except the contract’s types', () => {
    const refs = sourceFiles('src-renderer').flatMap(importsOf)
    expect(refs.length).toBeGreaterThan(10)
    const builtins = refs.filter((ref) => nodeBuiltins.has(ref.specifier) || isElectron(ref))
    expect(builtins).toEqual([])
    const outside = refs.filter((ref) => {
      const target = resolvedPath(ref)
      if (!target || target.startsWith('src-renderer')) return false
      if (rendererRunnable.includes(target)) return false
      return !(ref.typeOnly && target.startsWith('src-main/contract/'))
    })
    expect(outside).toEqual([])
  })

  it('the preload imports only electron and the contract (whose builders the browser bridge shares)', () => {
    const refs = sourceFiles('src-preload').flatMap(importsOf)
    const outside = refs.filter((ref) => {
      if (ref.specifier === 'electron') return false
      const target = resolvedPath(ref)
      return !(target && (target.startsWith('src-preload/') || target.startsWith('src-main/contract/')))
    })
    expect(outside).toEqual([])
  })
})

describe('child processes', () => {
  it('every module that starts one also uses childEnv, so none inherits Switchboard’s secrets', () => {
    const spawners = sourceFiles('src-main').filter((file) =>
      importsOf(file).some(
        (ref) => ref.specifier === 'node:child_process' || ref.specifier === 'child_process',
      ),
    )
    expect(spawners.length).toBeGreaterThan(0)
    const missing = spawners.filter(
      (file) =>
        !importsOf(file).some((ref) => resolvedPath(ref) === 'src-main/core/child-env.ts') ||
        !/env: childEnv\(/.test(readFileSync(join(root, file), 'utf8')),
    )
    expect(missing).toEqual([])
  })
})
