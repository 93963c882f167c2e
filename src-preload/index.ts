// The preload: exposes exactly the contract's calls as `window.switchboard`, plus `subscribe` for
// the push channel, and nothing else — never ipcRenderer itself, nor its event objects. Built as
// CommonJS because sandboxed preloads cannot load ES modules.
import { contextBridge, ipcRenderer } from 'electron'
import { callNames } from '../src-main/contract/api.ts'
import { pushChannel, pushEventNames } from '../src-main/contract/events.ts'
import { buildBridgeApi } from '../src-main/contract/bridge-api.ts'
import { buildPushSubscriber } from '../src-main/contract/push-subscriber.ts'

contextBridge.exposeInMainWorld('switchboard', {
  ...buildBridgeApi(callNames, (name, args) => ipcRenderer.invoke(name, args)),
  subscribe: buildPushSubscriber(pushEventNames, (onBatch) => {
    ipcRenderer.on(pushChannel, (_event, batch: unknown) => onBatch(batch))
  }),
})
