// Ready configurations of `switchboard mcp` for the assistants people use: the command, the arguments
// the core gives for the selection (mcp.preview's `args`), and the environment — the data folder only.
// Never a passphrase or a token: the vault is opened by Switchboard's own means, not by a file an
// assistant reads.
export interface AssistantConfig {
  assistant: string
  /** Where the assistant reads it. */
  file: string
  text: string
}

export const serverKey = (clientId: string) => `switchboard-${clientId}`.slice(0, 60)

export function assistantConfigs(input: {
  clientId: string
  args: string[]
  dataDir: string | null
  command?: string
}): AssistantConfig[] {
  const command = input.command ?? 'switchboard'
  const env = input.dataDir ? { SWITCHBOARD_DATA_DIR: input.dataDir } : {}
  const key = serverKey(input.clientId)
  const stdio = { command, args: input.args, env }
  const json = (value: unknown) => JSON.stringify(value, null, 2)
  return [
    {
      assistant: 'Claude Desktop',
      file: 'claude_desktop_config.json (Settings → Developer → Edit Config)',
      text: json({ mcpServers: { [key]: stdio } }),
    },
    {
      assistant: 'Cursor',
      file: '.cursor/mcp.json (or ~/.cursor/mcp.json for every project)',
      text: json({ mcpServers: { [key]: stdio } }),
    },
    {
      assistant: 'VS Code',
      file: '.vscode/mcp.json',
      text: json({ servers: { [key]: { type: 'stdio', ...stdio } } }),
    },
  ]
}

/** "customers.*, *list" → ["customers.*", "*list"]: globs separated by commas or spaces. */
export const globsOf = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean)
