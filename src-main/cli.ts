#!/usr/bin/env node
// `switchboard`: the headless host of the core. Users run it bundled (out/cli/switchboard.js, which
// package.json's bin names; `npm install` builds it through "prepare", see scripts/build-cli.mjs):
// from source a command loads ~700 modules and spends most of its time resolving them. It still runs
// from source with `node src-main/cli.ts` (Node strips the types), which is handy while developing.
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
