// The events issue 11 lists, each recorded by the change it names, on a real core and a loopback
// provider: connection created, updated, deleted; secret set, rotated, used; method invoked; definition
// exported; vault set up, unlocked, passphrase changed. (Sign-in, refresh and revoke are asserted where
// they happen against oidc-provider; a push against PostgreSQL in cli-definitions.test.ts.)
import { afterEach, describe, expect, it } from 'vitest'
import { healthDefinition } from '../support/health.ts'
import { coreWith } from '../support/oidc-server.ts'
import { json, startProvider } from '../support/provider.ts'

const passphrase = 'correct horse battery'
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const dispose of cleanups.splice(0).reverse()) await dispose()
})

describe('audit events', () => {
  it('records each change as the event that names it, secrets by field name only', async () => {
    const provider = await startProvider()
    cleanups.push(() => provider.close())
    provider.route('GET', '/me', json(200, { account: 'acme' }))
    const temp = await coreWith([healthDefinition()])
    cleanups.push(() => temp.dispose())
    const { core } = temp
    const secret = 'sk_test_AuditEventsPlanted9876'
    const connection = core.connections.create({
      id: 'svc-acme',
      clientId: 'acme',
      integrationId: 'svc',
      environment: 'sandbox',
      config: { baseUrl: provider.url },
      secrets: { apiKey: secret },
    })
    core.connections.update(connection.id, { label: 'Main account' })
    core.connections.updateConfig(connection.id, { baseUrl: `${provider.url}/` })
    core.connections.rotateSecret(connection.id, { apiKey: `${secret}-next` })
    const call = await core.runtime.invoke(connection.id, 'me', {})
    expect(call.status).toBe('success')
    await core.dispatch('definitions.export', { format: 'json', integrationIds: ['svc'] })
    core.vault.lock()
    await core.vault.unlock(passphrase)
    await core.vault.setPassphrase(`${passphrase} again`)
    await core.removal.deleteConnection(connection.id)

    const events = core.audit.list({ limit: 100 }).events.reverse()
    const actions = events.map((e) => e.action)
    for (const action of [
      'vault.set-up',
      'connection.created',
      'secret.set',
      'connection.updated',
      'connection.config-updated',
      'secret.rotated',
      'secret.used',
      'method.invoked',
      'definitions.exported',
      'vault.unlocked',
      'vault.passphrase-changed',
      'connection.deleted',
    ])
      expect(actions, action).toContain(action)
    const of = (action: string) => events.find((e) => e.action === action)
    expect(of('secret.set')).toMatchObject({ connectionId: connection.id, details: { fields: ['apiKey'] } })
    expect(of('secret.rotated')).toMatchObject({ details: { fields: ['apiKey'], version: 2 } })
    expect(of('method.invoked')).toMatchObject({ connectionId: connection.id, clientId: 'acme' })
    expect(of('method.invoked')?.details).toMatchObject({ method: 'me', status: 'success' })
    // A change and its event share one transaction, so they come in the order things happened.
    expect(actions.indexOf('secret.set')).toBeLessThan(actions.indexOf('connection.created'))
    expect(actions.indexOf('connection.created')).toBeLessThan(actions.indexOf('connection.updated'))
    expect(actions.indexOf('vault.passphrase-changed')).toBeLessThan(actions.indexOf('connection.deleted'))
    expect(JSON.stringify(events)).not.toContain(secret)
    expect(core.audit.verify()).toMatchObject({ ok: true, keyChecked: true })
  }, 60_000)
})
