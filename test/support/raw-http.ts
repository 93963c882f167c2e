// Sends bytes as they are over a TCP socket on loopback and returns the status code of the answer, so
// tests can send requests that fetch() refuses to build (malformed targets, bad percent-encoding).
import { connect } from 'node:net'

export function rawRequest(port: number, requestLine: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let answer = ''
    socket.setEncoding('latin1')
    socket.once('connect', () =>
      socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    )
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.once('error', reject)
    socket.once('close', () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1]
      if (status) resolve(Number(status))
      else reject(new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 80))}`))
    })
  })
}
