// Which host a `switchboard` command line is for: the command is the first argument that is neither a
// global option (--data-dir <path>, -v/--verbose) nor its value. `mcp` runs the MCP host; everything
// else is the CLI's. Kept here, outside both hosts, so neither imports the other.
const globalWithValue = new Set(['--data-dir'])

export function commandOf(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (globalWithValue.has(arg)) {
      i++
      continue
    }
    if (arg.startsWith('-')) continue
    return arg
  }
  return null
}
