// `switchboard webhooks verify` as a user runs it: a Stripe connection whose signing secret is in
// the vault, requests signed by stripe-node, verdicts on stdout and in the exit code.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Stripe from 'stripe'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-core.ts'

const bin = resolve(import.meta.dirname, '../../src-main/cli.ts')
const work = tempDir('switchboard-cli-webhooks-')
afterAll(() => rmSync(work, { recursive: true, force: true }))
const data = join(work, 'data')
const signingSecret = 'whsec_cli_test_secret_42'

function run(args: string[], input = '') {
  const result = spawnSync(process.execPath, [bin, '--data-dir', data, ...args], {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SWITCHBOARD_PASSPHRASE: 'correct horse battery' },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('switchboard webhooks verify', () => {
  const body = JSON.stringify({ id: 'evt_cli', object: 'event', type: 'customer.created' })
  const bodyFile = join(work, 'body.json')
  const headersFile = join(work, 'headers.json')

  it('prints valid and exits 0 for a request stripe-node signed', { timeout: 200_000 }, () => {
    expect(run(['clients', 'add', 'Acme']).code).toBe(0)
    const secrets = JSON.stringify({
      apiKey: 'sk_test_CLIsecret00000000004242',
      webhookSecret: signingSecret,
    })
    expect(
      run(
        [
          'connections',
          'create',
          '--integration',
          'stripe',
          '--client',
          'acme',
          '--env',
          'sandbox',
          '--id',
          'stripe-acme',
          '--secret-stdin',
        ],
        secrets,
      ).code,
    ).toBe(0)
    const header = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
      payload: body,
      secret: signingSecret,
    })
    writeFileSync(bodyFile, body)
    writeFileSync(
      headersFile,
      JSON.stringify({ 'Stripe-Signature': header, 'Content-Type': 'application/json' }),
    )
    const result = run(['webhooks', 'verify', 'stripe-acme', '--headers', headersFile, '--body', bodyFile])
    expect(result).toMatchObject({ code: 0 })
    expect(result.stdout).toMatch(/^valid \(stripe, signed \d{4}-/)
    expect(result.stdout + result.stderr).not.toContain(signingSecret)
  })

  it('prints the reason and exits 1 for a tampered body', { timeout: 100_000 }, () => {
    writeFileSync(bodyFile, body.replace('customer.created', 'customer.deleted'))
    const result = run([
      'webhooks',
      'verify',
      'stripe-acme',
      '--headers',
      headersFile,
      '--body',
      bodyFile,
      '--json',
    ])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: false, scheme: 'stripe', reason: 'mismatch' })
  })

  it('names a bad headers file and an unknown connection', { timeout: 150_000 }, () => {
    writeFileSync(headersFile, JSON.stringify({ 'Stripe-Signature': 42 }))
    const bad = run(['webhooks', 'verify', 'stripe-acme', '--headers', headersFile, '--body', bodyFile])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Stripe-Signature')
    writeFileSync(headersFile, '{}')
    const missing = run(['webhooks', 'verify', 'nope', '--headers', headersFile, '--body', bodyFile])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('No connection "nope"')
  })
})

describe('switchboard webhooks listen', () => {
  it('receives, verifies and forwards until interrupted', { timeout: 200_000 }, async () => {
    const forwarded: string[] = []
    const target = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      request.on('end', () => (forwarded.push(body), response.writeHead(200).end()))
    })
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`
    const child = spawn(
      process.execPath,
      [bin, '--data-dir', data, 'webhooks', 'listen', 'stripe-acme', '--forward', targetUrl],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          SWITCHBOARD_PASSPHRASE: 'correct horse battery',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const waitFor = async (pattern: RegExp) => {
        const start = Date.now()
        while (!pattern.test(stdout)) {
          if (Date.now() - start > 150_000) throw new Error(`no ${pattern} in: ${stdout}`)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        return pattern.exec(stdout)!
      }
      const url = (await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!
      // The two start-up lines are separate writes: they can arrive in separate chunks.
      await waitFor(/forwarding accepted events to /)
      expect(stdout).toContain(`forwarding accepted events to ${targetUrl}`)
      const payload = JSON.stringify({ id: 'evt_listen', object: 'event', type: 'charge.succeeded' })
      const signature = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
        payload,
        secret: signingSecret,
      })
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'stripe-signature': signature },
        body: payload,
      })
      expect(response.status).toBe(200)
      await waitFor(/dispatch #\d+ delivered/)
      expect(forwarded).toEqual([payload])
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(stdout).toContain('stopped')
    } finally {
      child.kill('SIGKILL')
      target.close()
    }
  })
})
