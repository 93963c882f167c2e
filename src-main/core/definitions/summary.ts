// The catalog's view of a definition and the search over it. Search is a substring match of every
// word of the query against a prepared lower-case text per definition: a thousand definitions are
// scanned in well under a millisecond, so no index structure is needed.
import { categoryOf, needsEndpoint } from '../../contract/definition-defaults.ts'
import type { IntegrationDefinition } from '../../contract/definition-format.ts'
import type { DefinitionSearchHit, DefinitionSource, DefinitionSummary } from '../../contract/types.ts'

export function summarize(
  definition: IntegrationDefinition,
  source: DefinitionSource,
  updatedAt: string,
): DefinitionSummary {
  const capabilities = new Set<string>()
  for (const capability of definition.providesCapabilities ?? []) capabilities.add(capability.capabilityId)
  for (const method of definition.methods) if (method.capability) capabilities.add(method.capability)
  return {
    integrationId: definition.integrationId,
    name: definition.name,
    description: definition.description,
    version: definition.version,
    category: categoryOf(definition),
    authType: definition.authType,
    icon: definition.icon ?? null,
    docsUrl: definition.docsUrl ?? null,
    needsEndpoint: needsEndpoint(definition),
    methodCount: definition.methods.length,
    methods: definition.methods.map((method) => ({
      id: method.id,
      name: method.name,
      capability: method.capability ?? null,
    })),
    capabilities: [...capabilities].sort(),
    source,
    updatedAt,
  }
}

export interface SearchEntry {
  summary: DefinitionSummary
  /** name, id, category, description and capabilities, lower-cased. */
  text: string
  /** Each method's "name id capability", lower-cased, parallel to summary.methods. */
  methodTexts: string[]
}

export function searchEntry(summary: DefinitionSummary): SearchEntry {
  return {
    summary,
    text: [
      summary.name,
      summary.integrationId,
      summary.category,
      summary.description,
      ...summary.capabilities,
    ]
      .join(' ')
      .toLowerCase(),
    methodTexts: summary.methods.map((m) => `${m.name} ${m.id} ${m.capability ?? ''}`.toLowerCase()),
  }
}

export function search(
  entries: Iterable<SearchEntry>,
  query: string,
  category?: string,
): DefinitionSearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const hits: DefinitionSearchHit[] = []
  for (const entry of entries) {
    if (category && entry.summary.category !== category) continue
    if (words.length === 0) {
      hits.push({ ...entry.summary, matchedMethods: [] })
      continue
    }
    const matchedMethods: string[] = []
    let all = true
    for (const word of words) {
      if (entry.text.includes(word)) continue
      let found = false
      entry.methodTexts.forEach((text, index) => {
        if (text.includes(word)) {
          found = true
          const name = entry.summary.methods[index]?.name
          if (name && !matchedMethods.includes(name)) matchedMethods.push(name)
        }
      })
      if (!found) {
        all = false
        break
      }
    }
    if (all) hits.push({ ...entry.summary, matchedMethods })
  }
  // Name matches first, then alphabetical: what people expect from search-as-you-type.
  const first = words[0] ?? ''
  return hits.sort((a, b) => {
    const rank = (hit: DefinitionSearchHit) =>
      hit.name.toLowerCase().startsWith(first) ? 0 : hit.matchedMethods.length ? 2 : 1
    return rank(a) - rank(b) || a.name.localeCompare(b.name)
  })
}
