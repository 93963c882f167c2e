// Runs Switchboard in a browser instead of Electron (for machines without the Electron binary, and
// for looking at the UI): the built renderer plus a real core over the loopback bridge.
//   node src-main/bridge/serve.ts [--data-dir <path>] [--port <n>]
import { parseArgs } from 'node:util'
import { appVersion } from '../cli/context.ts'
import { recoveryMessage } from '../contract/recovery.ts'
import { createCore } from '../core/index.ts'
import { stderrLogger } from '../core/host.ts'
import { resolveDataDir, resources } from '../core/paths.ts'
import { passphraseProtector } from '../core/vault/key-protector.ts'
import { startBridgeServer } from './server.ts'

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } })
const core = createCore({
  dataDir: resolveDataDir(values['data-dir']),
  appVersion,
  hostKind: 'browser',
  keyProtector: passphraseProtector(),
  logger: stderrLogger('info'),
  openUrl: async (url) => console.log(`Open in your browser: ${url}`),
})
const bridge = await startBridgeServer({
  dispatch: core.dispatch,
  events: core.events,
  rendererDir: resources().rendererDir,
  port: values.port ? Number(values.port) : 0,
})
console.log(`Switchboard is running at ${bridge.url}`)
const { recovery } = core.info()
if (recovery) console.error(recoveryMessage(recovery))
const stopBackups = core.backups.startDaily()
const stop = () => void bridge.close().then(() => (stopBackups(), core.close(), process.exit(0)))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
