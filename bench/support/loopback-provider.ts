// A provider on loopback in a process of its own, as a real one is on another machine: its work (parsing
// requests, timers, writing answers) must not share the measured process's event loop, and a bench that
// waits for a command synchronously would stop a server in its own process from answering.
import { spawn } from 'node:child_process'

export interface LoopbackProvider {
  url: string
  close(): void
}

/** Answers every request with `body` (JSON) after `answerAfterMs`. */
export async function startLoopbackProvider(
  options: { body?: string; answerAfterMs?: number } = {},
): Promise<LoopbackProvider> {
  const body = options.body ?? '{"id":"a1","value":3}'
  const delay = options.answerAfterMs ?? 0
  const code = `
    const answer = (response) => response.writeHead(200, { 'content-type': 'application/json' }).end(${JSON.stringify(body)})
    const server = require('node:http').createServer((request, response) => {
      request.resume()
      request.on('end', () => (${delay} > 0 ? setTimeout(answer, ${delay}, response) : answer(response)))
    })
    server.keepAliveTimeout = 60000
    server.listen(0, '127.0.0.1', () => console.log(server.address().port))
  `
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
    child.once('exit', (exitCode) => reject(new Error(`the bench provider exited (${exitCode})`)))
  })
  return { url: `http://127.0.0.1:${port}`, close: () => void child.kill() }
}
