// Preloaded (node --import) into every process the import comparison runs: on exit it writes the
// process's peak resident set size (KiB) to the file named by SWITCHBOARD_BENCH_RSS_FILE, so the
// bench measures ours and the peers' processes the same way.
import { writeFileSync } from 'node:fs'

const file = process.env.SWITCHBOARD_BENCH_RSS_FILE
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))
