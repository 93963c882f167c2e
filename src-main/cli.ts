#!/usr/bin/env node
// `switchboard`: the headless host of the core. Runs straight from source on Node >= 22.12 (Node strips
// the TypeScript types itself), so it works right after `npm install` with no build step.
import { runCli } from './cli/program.ts'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
})
