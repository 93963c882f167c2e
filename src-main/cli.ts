#!/usr/bin/env node
// `switchboard`: the headless host of the core. Runs straight from source on Node >= 22.12 (Node strips
// the TypeScript types itself), so it works right after `npm install` with no build step.
import { runCli } from './cli/program.ts'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
})
process.exitCode = code
// A command is over once runCli returns; a socket a browser keeps alive (after sign-in) must not hold
// the process. The timer is unref'd: when nothing else is pending the process ends before it fires.
setTimeout(() => process.exit(code), 200).unref()
