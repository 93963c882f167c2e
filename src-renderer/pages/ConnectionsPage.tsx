// The Connections page, mounted at /connections (nested): the list at "/", the wizard at "/new", one
// connection at "/:id". Filters, the wizard's preset and a dismissed vault dialog live here, so they
// survive moving between them.
import { useState } from 'react'
import { Route, Switch, useLocation } from 'wouter'
import type { ConnectionView } from '../../src-main/contract/types.ts'
import { ConnectionDetail } from './connections/ConnectionDetail.tsx'
import { ConnectionList } from './connections/ConnectionList.tsx'
import { noFilters, type ConnectionFilters } from './connections/Filters.tsx'
import { ConnectionWizard } from './connections/wizard/ConnectionWizard.tsx'
import type { WizardPreset } from './connections/wizard/state.ts'

export function ConnectionsPage() {
  const [, navigate] = useLocation()
  const [filters, setFilters] = useState<ConnectionFilters>(noFilters)
  const [preset, setPreset] = useState<WizardPreset>({})
  const [created, setCreated] = useState<ConnectionView | null>(null)
  const [vaultDismissed, setVaultDismissed] = useState(false)
  return (
    <Switch>
      <Route path="/">
        <ConnectionList
          filters={filters}
          onFilters={setFilters}
          created={created}
          onDismissCreated={() => setCreated(null)}
          vaultDismissed={vaultDismissed}
          onVaultDismissed={() => setVaultDismissed(true)}
          onNew={(clientId) => {
            setPreset(clientId ? { clientId } : {})
            setCreated(null)
            navigate('/new')
          }}
        />
      </Route>
      <Route path="/new">
        <ConnectionWizard
          preset={preset}
          onCreated={(connection) => {
            setCreated(connection)
            navigate('/')
          }}
        />
      </Route>
      <Route path="/:id">{(params) => <ConnectionDetail key={params.id} id={params.id} />}</Route>
    </Switch>
  )
}
