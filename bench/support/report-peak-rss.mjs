// Preloaded into a benchmarked process (node --import): on exit, writes its peak resident set size
// in bytes to the file named by SWITCHBOARD_BENCH_RSS_FILE. Works however the process ends
// (return, process.exit), on every platform Node reports maxRSS for.
import { writeFileSync } from 'node:fs'
import process from 'node:process'

const file = process.env.SWITCHBOARD_BENCH_RSS_FILE
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)))
