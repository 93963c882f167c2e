// Our signature schemes against the providers' own code: requests are signed with their libraries
// (stripe, @octokit/webhooks-methods, standardwebhooks) or, for Shopify, by its documented algorithm,
// and each verdict is compared with the library's verifier (stripe, octokit, standardwebhooks,
// @slack/bolt) on valid requests, tampered bodies, wrong secrets, stale and future timestamps,
// signatures of the wrong length and missing headers.
import { createHmac } from 'node:crypto'
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods'
import { verifySlackRequest } from '@slack/bolt'
import { Webhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { verifyGithub } from '../../src-main/core/webhooks/signatures/github.ts'
import { verifyWebhook, eventFields } from '../../src-main/core/webhooks/signatures/index.ts'
import { verifyShopify } from '../../src-main/core/webhooks/signatures/shopify.ts'
import { verifySlack } from '../../src-main/core/webhooks/signatures/slack.ts'
import { verifyStandardWebhooks } from '../../src-main/core/webhooks/signatures/standard-webhooks.ts'
import { verifyStripe } from '../../src-main/core/webhooks/signatures/stripe.ts'
import type { Verdict } from '../../src-main/core/webhooks/signatures/types.ts'

const body = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'charge.succeeded',
  data: { amount: 4200 },
})
const tampered = body.replace('4200', '4201')
const nowMs = Date.now()
const nowSec = Math.floor(nowMs / 1000)

const agrees = (ours: Verdict, theirs: boolean) => expect(ours.valid).toBe(theirs)
const reasonOf = (verdict: Verdict) => (verdict.valid ? 'valid' : verdict.reason)

const throwsNot = (fn: () => unknown): boolean => {
  try {
    fn()
    return true
  } catch {
    return false
  }
}

describe('Stripe (signed by stripe.webhooks.generateTestHeaderString)', () => {
  const stripe = new Stripe('sk_test_not_used')
  const secret = 'whsec_test_signing_secret_123'
  const signed = (timestamp: number, payload = body, key = secret) =>
    stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp })
  const theirs = (payload: string, headerValue: string, key = secret) =>
    throwsNot(() => stripe.webhooks.constructEvent(payload, headerValue, key, 300, undefined, nowMs))
  const ours = (payload: string, headerValue: string | undefined, key = secret) =>
    verifyStripe({
      body: payload,
      headers: headerValue === undefined ? {} : { 'stripe-signature': headerValue },
      secret: key,
      now: nowMs,
    })

  it('agrees on valid, tampered, wrong secret, stale and wrong-length signatures', () => {
    const cases: [string, string, string, string][] = [
      ['valid', body, signed(nowSec), 'valid'],
      ['tampered body', tampered, signed(nowSec), 'mismatch'],
      ['wrong secret', body, signed(nowSec, body, 'whsec_other'), 'mismatch'],
      ['stale', body, signed(nowSec - 301), 'stale'],
      ['edge of the window', body, signed(nowSec - 299), 'valid'],
      [
        'short signature',
        body,
        signed(nowSec).replace(/v1=([0-9a-f]+)/, (_m, hex: string) => `v1=${hex.slice(2)}`),
        'malformed',
      ],
      [
        'long signature',
        body,
        signed(nowSec).replace(/v1=([0-9a-f]+)/, (_m, hex: string) => `v1=${hex}00`),
        'malformed',
      ],
      ['no v1', body, `t=${nowSec}`, 'malformed'],
    ]
    for (const [label, payload, headerValue, reason] of cases) {
      const verdict = ours(payload, headerValue)
      expect(reasonOf(verdict), label).toBe(reason)
      agrees(verdict, theirs(payload, headerValue))
    }
  })

  it('accepts one matching v1 among several (secret roll) and Buffer bodies', () => {
    const good = signed(nowSec)
    const other = signed(nowSec, body, 'whsec_old').split(',')[1]!
    const headerValue = `${good.split(',')[0]},${other},${good.split(',')[1]}`
    expect(ours(body, headerValue).valid).toBe(true)
    expect(theirs(body, headerValue)).toBe(true)
    expect(
      verifyStripe({ body: Buffer.from(body), headers: { 'Stripe-Signature': good }, secret, now: nowMs })
        .valid,
    ).toBe(true)
  })

  it('refuses future timestamps, which stripe-node lets through (a deliberate difference)', () => {
    const future = signed(nowSec + 400)
    expect(reasonOf(ours(body, future))).toBe('future')
    expect(theirs(body, future)).toBe(true)
  })

  it('names a missing header and a missing secret', () => {
    expect(reasonOf(ours(body, undefined))).toBe('missing-header')
    expect(theirs(body, '')).toBe(false)
    expect(reasonOf(ours(body, signed(nowSec), ''))).toBe('no-secret')
  })
})

describe('GitHub (signed by @octokit/webhooks-methods sign)', () => {
  const secret = 'It’s a Secret to Everybody'
  const ours = (payload: string, signature: string | undefined, key = secret) =>
    verifyGithub({
      body: payload,
      headers: signature === undefined ? {} : { 'X-Hub-Signature-256': signature },
      secret: key,
      now: nowMs,
    })
  const theirs = async (payload: string, signature: string) => {
    try {
      return await octokitVerify(secret, payload, signature)
    } catch {
      return false
    }
  }

  it('agrees with octokit verify', async () => {
    const signature = await octokitSign(secret, body)
    const cases: [string, string, string, string][] = [
      ['valid', body, signature, 'valid'],
      ['tampered body', tampered, signature, 'mismatch'],
      ['wrong secret', body, await octokitSign('another secret', body), 'mismatch'],
      ['short signature', body, signature.slice(0, -2), 'malformed'],
      ['long signature', body, `${signature}ab`, 'malformed'],
      ['upper-case hex', body, `sha256=${signature.slice(7).toUpperCase()}`, 'malformed'],
      ['sha1 prefix', body, `sha1=${signature.slice(7)}`, 'malformed'],
    ]
    for (const [label, payload, headerValue, reason] of cases) {
      const verdict = ours(payload, headerValue)
      expect(reasonOf(verdict), label).toBe(reason)
      agrees(verdict, await theirs(payload, headerValue))
    }
    expect(reasonOf(ours(body, undefined))).toBe('missing-header')
  })

  it('matches the example in GitHub’s documentation', () => {
    // docs.github.com, "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
    const verdict = verifyGithub({
      body: 'Hello, World!',
      headers: {
        'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      },
      secret: "It's a Secret to Everybody",
      now: nowMs,
    })
    expect(verdict.valid).toBe(true)
  })
})

describe('Standard Webhooks (signed by standardwebhooks Webhook.sign)', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const webhook = new Webhook(secret)
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W'
  const headersAt = (timestamp: number, payload = body, signer = webhook) => ({
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signer.sign(id, new Date(timestamp * 1000), payload),
  })
  const theirs = (payload: string, headers: Record<string, string>) =>
    throwsNot(() => webhook.verify(payload, headers))
  const ours = (payload: string, headers: Record<string, string>) =>
    verifyStandardWebhooks({ body: payload, headers, secret, now: Date.now() })

  it('agrees with Webhook.verify', () => {
    const valid = headersAt(nowSec)
    const signature = valid['webhook-signature']
    const cases: [string, string, Record<string, string>, string][] = [
      ['valid', body, valid, 'valid'],
      ['tampered body', tampered, valid, 'mismatch'],
      [
        'wrong secret',
        body,
        headersAt(nowSec, body, new Webhook('whsec_' + Buffer.from('other key').toString('base64'))),
        'mismatch',
      ],
      ['stale', body, headersAt(nowSec - 400), 'stale'],
      ['future', body, headersAt(nowSec + 400), 'future'],
      ['short signature', body, { ...valid, 'webhook-signature': signature.slice(0, -4) }, 'malformed'],
      [
        'several, one valid',
        body,
        { ...valid, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} v1a,abc ${signature}` },
        'valid',
      ],
      ['changed id', body, { ...valid, 'webhook-id': 'msg_other' }, 'mismatch'],
    ]
    for (const [label, payload, headers, reason] of cases) {
      const verdict = ours(payload, headers)
      expect(reasonOf(verdict), label).toBe(reason)
      agrees(verdict, theirs(payload, headers))
    }
    const { 'webhook-id': _dropped, ...missing } = valid
    expect(reasonOf(ours(body, missing))).toBe('missing-header')
    expect(theirs(body, missing)).toBe(false)
  })
})

describe('Slack (documented algorithm, checked by @slack/bolt verifySlackRequest)', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5'
  const signature = (timestamp: number, payload = body, key = secret) =>
    'v0=' + createHmac('sha256', key).update(`v0:${timestamp}:${payload}`).digest('hex')
  const theirs = (payload: string, timestamp: number, sig: string) =>
    throwsNot(() =>
      verifySlackRequest({
        signingSecret: secret,
        body: payload,
        headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      }),
    )
  const ours = (payload: string, timestamp: number, sig: string) =>
    verifySlack({
      body: payload,
      headers: { 'X-Slack-Signature': sig, 'X-Slack-Request-Timestamp': String(timestamp) },
      secret,
      now: nowMs,
    })

  it('agrees with verifySlackRequest', () => {
    const cases: [string, string, number, string, string][] = [
      ['valid', body, nowSec, signature(nowSec), 'valid'],
      ['tampered body', tampered, nowSec, signature(nowSec), 'mismatch'],
      ['wrong secret', body, nowSec, signature(nowSec, body, 'not the secret'), 'mismatch'],
      ['stale', body, nowSec - 301, signature(nowSec - 301), 'stale'],
      ['short signature', body, nowSec, signature(nowSec).slice(0, -2), 'malformed'],
      ['other version', body, nowSec, signature(nowSec).replace('v0=', 'v1='), 'malformed'],
    ]
    for (const [label, payload, timestamp, sig, reason] of cases) {
      const verdict = ours(payload, timestamp, sig)
      expect(reasonOf(verdict), label).toBe(reason)
      agrees(verdict, theirs(payload, timestamp, sig))
    }
  })

  it('refuses future timestamps, which Bolt lets through (Slack’s guidance is "differ by" five minutes)', () => {
    expect(reasonOf(ours(body, nowSec + 400, signature(nowSec + 400)))).toBe('future')
    expect(theirs(body, nowSec + 400, signature(nowSec + 400))).toBe(true)
  })

  it('names the missing timestamp header', () => {
    const verdict = verifySlack({
      body,
      headers: { 'x-slack-signature': signature(nowSec) },
      secret,
      now: nowMs,
    })
    expect(verdict).toMatchObject({ valid: false, reason: 'missing-header' })
    expect(verdict.valid ? '' : verdict.message).toContain('X-Slack-Request-Timestamp')
  })
})

describe('Shopify (documented algorithm: base64 HMAC-SHA256 of the raw body)', () => {
  const secret = 'shpss_client_secret'
  const hmac = (payload: string, key = secret) => createHmac('sha256', key).update(payload).digest('base64')
  const ours = (payload: string, value: string) =>
    verifyShopify({ body: payload, headers: { 'X-Shopify-Hmac-Sha256': value }, secret, now: nowMs })

  it('verifies, and names tampering, wrong secrets and wrong lengths', () => {
    expect(reasonOf(ours(body, hmac(body)))).toBe('valid')
    expect(reasonOf(ours(tampered, hmac(body)))).toBe('mismatch')
    expect(reasonOf(ours(body, hmac(body, 'other')))).toBe('mismatch')
    expect(reasonOf(ours(body, Buffer.alloc(31).toString('base64')))).toBe('malformed')
    expect(reasonOf(ours(body, 'not base64!'))).toBe('malformed')
  })
})

describe('the scheme table', () => {
  it('follows the definition: scheme, header, encoding and event fields', () => {
    const secret = 'dropbox-app-secret'
    const signature = createHmac('sha256', secret).update(body).digest('hex')
    const settings = {
      supported: true,
      scheme: 'hmac-sha256',
      signatureHeader: 'X-Dropbox-Signature',
    } as const
    expect(
      verifyWebhook(settings, { body, headers: { 'x-dropbox-signature': signature }, secret, now: nowMs })
        .valid,
    ).toBe(true)
    const base64 = { ...settings, encoding: 'base64' } as const
    expect(
      verifyWebhook(base64, { body, headers: { 'x-dropbox-signature': signature }, secret, now: nowMs })
        .valid,
    ).toBe(false)
    expect(verifyWebhook({ supported: true }, { body, headers: {}, secret, now: nowMs })).toMatchObject({
      valid: false,
    })
    expect(eventFields({ supported: true, scheme: 'github' })).toEqual({
      eventId: { header: 'X-GitHub-Delivery' },
      eventType: { header: 'X-GitHub-Event' },
    })
    expect(
      eventFields({ supported: true, scheme: 'stripe', eventType: { body: 'data.kind' } }).eventType,
    ).toEqual({ body: 'data.kind' })
  })

  it('applies a definition’s own replay window', () => {
    const secret = 'whsec_x'
    const stripe = new Stripe('sk_test_not_used')
    const headerValue = stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret,
      timestamp: nowSec - 100,
    })
    const input = { body, headers: { 'stripe-signature': headerValue }, secret, now: nowMs }
    expect(verifyWebhook({ supported: true, scheme: 'stripe' }, input).valid).toBe(true)
    expect(verifyWebhook({ supported: true, scheme: 'stripe', toleranceSeconds: 60 }, input)).toMatchObject({
      reason: 'stale',
    })
  })
})
