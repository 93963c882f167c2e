// The Definitions page, mounted at /definitions (nested): the catalog at "/", one definition at
// "/:integrationId". The search is kept here so it survives a visit to a definition and back.
import { useState } from 'react'
import { Route, Switch } from 'wouter'
import { CatalogPage, type CatalogSearch } from './definitions/CatalogPage.tsx'
import { DefinitionDetail } from './definitions/DefinitionDetail.tsx'

export function DefinitionsPage() {
  const [search, setSearch] = useState<CatalogSearch>({ query: '', category: null })
  return (
    <Switch>
      <Route path="/">
        <CatalogPage search={search} onSearch={setSearch} />
      </Route>
      <Route path="/:integrationId">
        {(params) => <DefinitionDetail key={params.integrationId} integrationId={params.integrationId} />}
      </Route>
    </Switch>
  )
}
