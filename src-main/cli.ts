#!/usr/bin/env node
// `switchboard`: the headless host of the core. Users run it bundled (out/cli/switchboard.js, which
// package.json's bin names; `npm install` builds it through "prepare", see scripts/build-cli.mjs):
// from source a command loads ~700 modules and spends most of its time resolving them. It still runs
// from source with `node src-main/cli.ts` (Node strips the types), which is handy while developing.
import { enableCompileCache } from 'node:module'

// V8 keeps the compiled bundle on disk (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off): parsing and compiling a megabyte of JavaScript was the largest part of a warm command's time.
// Enabled before the program is imported, so that import already uses it.
enableCompileCache?.()
const argv = process.argv.slice(2)
const stderr = (text: string) => void process.stderr.write(text)
// `switchboard mcp` is the MCP host (src-main/mcp/), every other command the CLI's: the entry picks,
// so neither host imports the other, and only the chosen one is loaded.
const { commandOf } = await import('./hosting/command-line.ts')
const code =
  commandOf(argv) === 'mcp'
    ? await (
        await import('./mcp/command.ts')
      ).runMcp(argv, { stderr, env: process.env, stdin: process.stdin, stdout: process.stdout })
    : await (
        await import('./cli/program.ts')
      ).runCli(argv, { stdout: (text) => process.stdout.write(text), stderr, env: process.env })
process.exitCode = code
// A command is over once runCli returns; a socket a browser keeps alive (after sign-in) must not hold
// the process. The timer is unref'd: when nothing else is pending the process ends before it fires.
setTimeout(() => process.exit(code), 200).unref()
