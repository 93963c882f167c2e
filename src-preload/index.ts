// The preload: exposes exactly the contract's calls as `window.switchboard`, and nothing else —
// never ipcRenderer itself. Built as CommonJS because sandboxed preloads cannot load ES modules.
import { contextBridge, ipcRenderer } from 'electron'
import { callNames } from '../src-main/contract/api.ts'
import { buildBridgeApi } from './bridge-api.ts'

contextBridge.exposeInMainWorld(
  'switchboard',
  buildBridgeApi(callNames, (name, args) => ipcRenderer.invoke(name, args)),
)
