// The webhook inspector: per connection whose integration signs webhooks, its receiver and policy,
// and every event received, updated live through the push channel.
import { Grid, Select, Stack } from '@mantine/core'
import { IconWebhook } from '@tabler/icons-react'
import { useState } from 'react'
import { EmptyState } from '../components/EmptyState.tsx'
import { PageHeader } from '../components/PageHeader.tsx'
import { QueryState } from '../components/QueryState.tsx'
import { EndpointCard } from './webhooks/EndpointCard.tsx'
import { EventDetailDrawer } from './webhooks/EventDetail.tsx'
import { EventList } from './webhooks/EventList.tsx'
import { useEndpoints, useLiveWebhooks, useWebhookEvents } from './webhooks/queries.ts'

function Events({ connectionId, onOpen }: { connectionId: string; onOpen(id: number): void }) {
  const events = useWebhookEvents(connectionId)
  return (
    <QueryState query={events}>{(page) => <EventList events={page.events} onOpen={onOpen} />}</QueryState>
  )
}

export function WebhooksPage() {
  useLiveWebhooks()
  const endpoints = useEndpoints()
  const [chosen, setChosen] = useState<string | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Inbound events: signatures verified, each event stored once, forwarded to your target with retries."
      />
      <QueryState query={endpoints}>
        {(list) => {
          if (list.length === 0)
            return (
              <EmptyState icon={IconWebhook} title="No connection receives webhooks">
                Connections to integrations that sign their webhooks (Stripe, Slack, GitHub, Shopify…) appear
                here. Create one, store its signing secret, then start its receiver.
              </EmptyState>
            )
          const selected = list.find((e) => e.connectionId === chosen) ?? list[0]!
          return (
            <Stack gap="md">
              <Select
                label="Connection"
                maw={420}
                allowDeselect={false}
                data={list.map((e) => ({
                  value: e.connectionId,
                  label: `${e.connectionId} · ${e.integrationId}${e.receiver.running ? ' · receiving' : ''}`,
                }))}
                value={selected.connectionId}
                onChange={(value) => setChosen(value)}
              />
              <Grid>
                <Grid.Col span={{ base: 12, lg: 4 }}>
                  <EndpointCard endpoint={selected} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 8 }}>
                  <Events connectionId={selected.connectionId} onOpen={setOpen} />
                </Grid.Col>
              </Grid>
            </Stack>
          )
        }}
      </QueryState>
      <EventDetailDrawer id={open} onClose={() => setOpen(null)} />
    </>
  )
}
