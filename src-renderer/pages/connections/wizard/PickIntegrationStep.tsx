// Step 1: pick the service to connect, searching the catalog.
import {
  Badge,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconCircleCheckFilled, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorAlert } from '../../../components/ErrorAlert.tsx'
import { AuthTypeBadge, DefinitionAvatar } from '../../definitions/badges.tsx'
import { useCatalog } from '../../definitions/queries.ts'
import classes from './wizard.module.css'

/** Enough cards to choose from at a glance; the search narrows the rest. */
const shownAtMost = 48

export function PickIntegrationStep({
  selected,
  error,
  onSelect,
}: {
  selected: string | null
  error: string | undefined
  onSelect: (integrationId: string) => void
}) {
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query, 120)
  const catalog = useCatalog(debounced.trim(), null)
  const hits = catalog.data?.definitions ?? []
  return (
    <Stack gap="sm">
      <TextInput
        role="searchbox"
        aria-label="Search integrations"
        placeholder="Search services: Stripe, Xero, Slack…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        error={error}
      />
      {catalog.isError ? (
        <ErrorAlert title="Could not load the integrations" error={catalog.error} />
      ) : !catalog.data ? (
        <Center py="lg" role="status">
          <Loader size="sm" aria-label="Loading" />
        </Center>
      ) : hits.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" ta="center">
          No integration matches “{query}”. Definitions can be imported on the Definitions page.
        </Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" role="group" aria-label="Integrations">
            {hits.slice(0, shownAtMost).map((hit) => {
              const active = hit.integrationId === selected
              return (
                <UnstyledButton
                  key={hit.integrationId}
                  className={classes.card}
                  data-active={active || undefined}
                  aria-pressed={active}
                  aria-label={`${hit.name} (${hit.category})`}
                  onClick={() => onSelect(hit.integrationId)}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <DefinitionAvatar name={hit.name} icon={hit.icon} size={36} />
                    <Stack gap={2} miw={0} style={{ flex: 1 }}>
                      <Group gap={6} wrap="nowrap" justify="space-between">
                        <Text fw={600} size="sm" truncate="end">
                          {hit.name}
                        </Text>
                        {active && (
                          <IconCircleCheckFilled
                            size={18}
                            color="var(--mantine-primary-color-filled)"
                            aria-hidden
                          />
                        )}
                      </Group>
                      <Group gap={4}>
                        <Badge variant="light" size="xs" tt="none">
                          {hit.category}
                        </Badge>
                        <AuthTypeBadge authType={hit.authType} />
                      </Group>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {hit.description}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              )
            })}
          </SimpleGrid>
          {hits.length > shownAtMost && (
            <Text size="xs" c="dimmed" ta="center">
              Showing {shownAtMost} of {hits.length}: search to find the others.
            </Text>
          )}
        </>
      )}
    </Stack>
  )
}
