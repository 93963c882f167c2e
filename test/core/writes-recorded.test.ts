// Every change goes through db/write.ts (one BEGIN IMMEDIATE transaction with its audit event). This
// test fails when code outside db/ and audit/ writes around it: db.insert/update/delete/transaction,
// or raw SQL execution on the SQLite handle.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const allowed = ['src-main/core/db/', 'src-main/core/audit/']
const writeMethods = new Set(['insert', 'update', 'delete', 'transaction'])

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
}

/** `db`, `deps.db`, `core.db`, `core().db`: whatever ends in the name db. */
const isDb = (node: ts.Expression): boolean =>
  (ts.isIdentifier(node) && node.text === 'db') ||
  (ts.isPropertyAccessExpression(node) && node.name.text === 'db')

function bypasses(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: target, name } = node.expression
      const direct = writeMethods.has(name.text) && isDb(target)
      const raw =
        (name.text === 'exec' || name.text === 'transaction') &&
        ts.isPropertyAccessExpression(target) &&
        target.name.text === '$client'
      if (direct || raw) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push(`${file}:${line} ${node.expression.getText()}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('writes are recorded', () => {
  it('no code outside core/db and core/audit writes around the writer', () => {
    const files = sourceFiles('src-main').filter((file) => !allowed.some((dir) => file.startsWith(dir)))
    expect(files.length).toBeGreaterThan(20)
    expect(files.flatMap((file) => bypasses(file))).toEqual([])
  })

  it('would catch a bypass', () => {
    const probe = [
      'db.insert(t).values(v).run()',
      'deps.db.transaction(() => {})',
      "db.$client.exec('DELETE FROM clients')",
      'tx.insert(t).values(v).run()',
    ].join('\n')
    expect(bypasses('probe.ts', probe)).toEqual([
      'probe.ts:1 db.insert',
      'probe.ts:2 deps.db.transaction',
      'probe.ts:3 db.$client.exec',
    ])
  })
})
