// The MCP tool-name mapping: valid for every assistant, stable, and collision-free.
import { describe, expect, it } from 'vitest'
import {
  baseToolName,
  globMatches,
  toolNamePattern,
  toolNames,
  type ToolKey,
} from '../../src-main/core/mcp/tool-names.ts'

const key = (over: Partial<ToolKey> = {}): ToolKey => ({
  connectionId: 'conn_stripe_acme_production',
  integrationId: 'stripe',
  environment: 'production',
  methodId: 'customers.list',
  ...over,
})

describe('MCP tool names', () => {
  it('integration, environment and method, slugged: dots, upper case and odd characters become "_"', () => {
    expect(baseToolName(key())).toBe('stripe_prod_customers_list')
    expect(baseToolName(key({ environment: 'sandbox', methodId: 'Invoices.Get-One' }))).toBe(
      'stripe_sbx_invoices_get-one',
    )
    expect(baseToolName(key({ integrationId: 'my.crm', methodId: 'a..b//c' }))).toBe('my_crm_prod_a_b_c')
    expect(toolNames([key()])).toEqual(['stripe_prod_customers_list'])
  })

  it('a name is the same whatever else is in the list, unless it collides', () => {
    const alone = toolNames([key()])[0]
    const withOthers = toolNames([key({ methodId: 'charges.list' }), key(), key({ integrationId: 'xero' })])
    expect(withOthers[1]).toBe(alone)
  })

  it('colliding names all get a hash suffix of their own connection and method; order does not matter', () => {
    const a = key({ connectionId: 'conn_a' })
    const b = key({ connectionId: 'conn_b' })
    const [na, nb] = toolNames([a, b])
    expect(na).not.toBe(nb)
    expect(na).toMatch(/^stripe_prod_customers_list-[0-9a-f]{8}$/)
    expect(toolNames([b, a])).toEqual([nb, na])
    // Two method ids that slug alike on one connection.
    const [x, y] = toolNames([key({ methodId: 'a.b' }), key({ methodId: 'a_b' })])
    expect(x).not.toBe(y)
  })

  it('long names are cut to 64 with the suffix; every name fits the pattern', () => {
    const long = key({ integrationId: 'a'.repeat(60), methodId: 'method.'.repeat(20) })
    const [name] = toolNames([long])
    expect(name!.length).toBeLessThanOrEqual(64)
    expect(name).toMatch(toolNamePattern)
    expect(name).toMatch(/-[0-9a-f]{8}$/)
    expect(toolNames([long])).toEqual([name])
    const many = Array.from({ length: 500 }, (_, i) =>
      key({ connectionId: `c${i % 7}`, methodId: `m.${i % 50}.${'x'.repeat(i % 80)}` }),
    )
    const names = toolNames(many)
    expect(new Set(names).size).toBe(names.length)
    for (const n of names) expect(n).toMatch(toolNamePattern)
  })

  it('globs: * and ? only, anchored', () => {
    expect(globMatches('customers.*', 'customers.list')).toBe(true)
    expect(globMatches('customers.*', 'xcustomers.list')).toBe(false)
    expect(globMatches('*list', 'customers.list')).toBe(true)
    expect(globMatches('c?stomers.*', 'customers.get')).toBe(true)
    expect(globMatches('*.get', 'customers.list')).toBe(false)
    expect(globMatches('*', '')).toBe(true)
    expect(globMatches('a*b*c', 'a' + 'b'.repeat(1000) + 'd')).toBe(false)
  })
})
