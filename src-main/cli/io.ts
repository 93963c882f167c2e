import type { ValidationIssue } from '../contract/errors.ts'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}

/** Aligned "label  value" lines for people; --json gives machines the full structure. */
export function printFields(io: CliIo, fields: [label: string, value: string][]): void {
  const width = Math.max(...fields.map(([label]) => label.length))
  io.stdout(fields.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n')
}

export function printIssues(io: CliIo, issues: ValidationIssue[] | undefined): void {
  for (const issue of issues ?? []) io.stderr(`  ${issue.path}: ${issue.message}\n`)
}

/** Columns padded to their widest cell; an empty list prints a friendly line instead of a bare header. */
export function printTable(io: CliIo, headers: string[], rows: string[][], empty = '(none)'): void {
  if (rows.length === 0) {
    io.stdout(`${empty}\n`)
    return
  }
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')
  io.stdout([line(headers), ...rows.map(line)].join('\n') + '\n')
}
