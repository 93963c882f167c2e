// Types of built-connectors.mjs, for electron.vite.config.ts.
export function builtConnectors(
  root: string,
  outDir: string,
): { entries: Record<string, string>; define: { __SWITCHBOARD_BUILT_CONNECTORS__: string } }
