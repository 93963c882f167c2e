import { IconBook2 } from '@tabler/icons-react'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'

export function DefinitionsPage() {
  return (
    <>
      <PageHeader
        title="Definitions"
        description="The integrations Switchboard knows: their methods, sign-in and settings."
      />
      <EmptyState icon={IconBook2} title="No integration definitions yet">
        The catalog of integrations will live here: browse services such as Xero, Stripe or Gmail, read each
        method’s input and output, and import your own definitions from files, URLs or OpenAPI documents.
      </EmptyState>
    </>
  )
}
