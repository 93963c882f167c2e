// Connectivity to a connection's API base URL, step by step with timings: DNS lookup, TCP connect,
// TLS handshake (https only). Each step has its own deadline, so a host that never answers costs at
// most the timeout; which step failed tells "the network is down" apart from "the service is down".
import { lookup } from 'node:dns/promises'
import { connect as tcpConnect, isIP, type Socket } from 'node:net'
import { connect as tlsConnect, type TLSSocket } from 'node:tls'

export interface ConnectivityStep {
  step: 'dns' | 'tcp' | 'tls'
  ok: boolean
  ms: number
  detail: string
}

export interface ConnectivityReport {
  ok: boolean
  host: string
  port: number
  address: string | null
  steps: ConnectivityStep[]
  /** For people: which step failed and what that usually means; null when all passed. */
  problem: string | null
}

const elapsed = (start: number) => Math.round((performance.now() - start) * 10) / 10

function withDeadline<T>(
  start: (settle: { resolve(value: T): void; reject(error: Error): void }) => () => void,
  ms: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false
    let cleanup: () => void = () => {}
    const finish = (fn: () => void) => {
      if (done) return
      done = true
      clearTimeout(timer)
      cleanup()
      fn()
    }
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${what} did not finish within ${ms} ms`))),
      ms,
    )
    cleanup = start({
      resolve: (value) => finish(() => resolve(value)),
      reject: (error) => finish(() => reject(error)),
    })
  })
}

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

const describe = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const code = codeOf(error)
  return code && !message.includes(code) ? `${code}: ${message}` : message
}

export async function probeConnectivity(baseUrl: string, timeoutMs: number): Promise<ConnectivityReport> {
  const url = new URL(baseUrl)
  const secure = url.protocol === 'https:'
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = url.port ? Number(url.port) : secure ? 443 : 80
  const steps: ConnectivityStep[] = []
  const report = (problem: string | null, address: string | null): ConnectivityReport => ({
    ok: problem === null,
    host,
    port,
    address,
    steps,
    problem,
  })

  // DNS
  let address: string
  let started = performance.now()
  if (isIP(host)) {
    address = host
    steps.push({ step: 'dns', ok: true, ms: 0, detail: `${host} is an address (no lookup)` })
  } else {
    try {
      const found = await withDeadline<{ address: string }>(
        ({ resolve, reject }) => {
          lookup(host).then(resolve, reject)
          return () => {}
        },
        timeoutMs,
        `The DNS lookup of ${host}`,
      )
      address = found.address
      steps.push({ step: 'dns', ok: true, ms: elapsed(started), detail: `${host} → ${address}` })
    } catch (error) {
      steps.push({ step: 'dns', ok: false, ms: elapsed(started), detail: describe(error) })
      const offline = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED'].includes(codeOf(error))
      return report(
        `The name ${host} could not be resolved (${describe(error)})${offline ? ': the network may be down or offline' : ''}.`,
        null,
      )
    }
  }

  // TCP
  started = performance.now()
  let socket: Socket
  try {
    socket = await withDeadline<Socket>(
      ({ resolve, reject }) => {
        const s = tcpConnect({ host: address, port })
        s.once('connect', () => resolve(s))
        s.once('error', reject)
        return () => s.removeListener('error', reject)
      },
      timeoutMs,
      `Connecting to ${host}:${port}`,
    )
    steps.push({ step: 'tcp', ok: true, ms: elapsed(started), detail: `connected to ${address}:${port}` })
  } catch (error) {
    steps.push({ step: 'tcp', ok: false, ms: elapsed(started), detail: describe(error) })
    return report(
      `${host}:${port} could not be reached (${describe(error)}): the service or the network is down.`,
      address,
    )
  }

  if (!secure) {
    socket.destroy()
    return report(null, address)
  }

  // TLS over the same socket
  started = performance.now()
  try {
    const tls = await withDeadline<TLSSocket>(
      ({ resolve, reject }) => {
        const t = tlsConnect({ socket, servername: isIP(host) ? undefined : host })
        t.once('secureConnect', () => resolve(t))
        t.once('error', reject)
        return () => t.removeListener('error', reject)
      },
      timeoutMs,
      `The TLS handshake with ${host}`,
    )
    steps.push({
      step: 'tls',
      ok: true,
      ms: elapsed(started),
      detail: `${tls.getProtocol() ?? 'TLS'}, certificate valid`,
    })
    tls.destroy()
    return report(null, address)
  } catch (error) {
    socket.destroy()
    steps.push({ step: 'tls', ok: false, ms: elapsed(started), detail: describe(error) })
    return report(`The TLS handshake with ${host} failed (${describe(error)}).`, address)
  }
}
