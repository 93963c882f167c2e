// The catalog: search as you type, filter by category, open a definition; import and export.
import { Box, Button, Center, Group, Loader, Stack } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { IconBook2, IconFileImport, IconSearchOff } from '@tabler/icons-react'
import { useRef, useState, type KeyboardEvent } from 'react'
import { useLocation } from 'wouter'
import type { DefinitionSearchHit } from '../../../src-main/contract/types.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { CatalogList, listId } from './CatalogList.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { ExportMenu } from './ExportMenu.tsx'
import { ImportModal } from './ImportModal.tsx'
import { useCatalog } from './queries.ts'
import { RejectedFiles } from './RejectedFiles.tsx'
import { SearchBar } from './SearchBar.tsx'

export interface CatalogSearch {
  query: string
  category: string | null
}

/** Keeps the page inside the window so the list, not the page, scrolls. */
const pageHeight =
  'calc(100dvh - var(--app-shell-header-offset, 0rem) - 2 * var(--app-shell-padding, var(--mantine-spacing-lg)))'

export function CatalogPage({
  search,
  onSearch,
}: {
  search: CatalogSearch
  onSearch: (search: CatalogSearch) => void
}) {
  const [debouncedQuery] = useDebouncedValue(search.query, 120)
  const catalog = useCatalog(debouncedQuery, search.category)
  const [, navigate] = useLocation()
  const [importing, setImporting] = useState(false)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [navigating, setNavigating] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  const focusSearch = () => {
    input.current?.focus()
    input.current?.select()
  }
  useHotkeys([
    ['/', focusSearch],
    ['mod+K', focusSearch],
  ])

  const hits = catalog.data?.definitions ?? []
  const found = hits.findIndex((hit) => hit.integrationId === activeId)
  const activeIndex = hits.length ? Math.max(found, 0) : -1
  const words = debouncedQuery.toLowerCase().split(/\s+/).filter(Boolean)
  const open = (hit: DefinitionSearchHit) => navigate(`/${hit.integrationId}`)
  const setQuery = (query: string) => onSearch({ ...search, query })
  const clear = () => {
    onSearch({ query: '', category: null })
    input.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const move = (index: number) => {
      event.preventDefault()
      const hit = hits[Math.min(Math.max(index, 0), hits.length - 1)]
      if (hit) setActiveId(hit.integrationId)
    }
    const onInput = event.target === input.current
    if (event.key === 'ArrowDown') move(activeIndex + 1)
    else if (event.key === 'ArrowUp') move(activeIndex - 1)
    else if (event.key === 'PageDown') move(activeIndex + 8)
    else if (event.key === 'PageUp') move(activeIndex - 8)
    else if (event.key === 'Home' && !onInput) move(0)
    else if (event.key === 'End' && !onInput) move(hits.length - 1)
    else if (event.key === 'Enter') {
      const hit = hits[activeIndex]
      if (hit) {
        event.preventDefault()
        open(hit)
      }
    } else if (event.key === 'Escape' && search.query) {
      event.preventDefault()
      setQuery('')
    }
  }

  const data = catalog.data
  let body
  if (!data) {
    body = catalog.isError ? (
      <ErrorAlert title="Could not load the catalog" error={catalog.error} />
    ) : (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    )
  } else if (data.total === 0) {
    body = (
      <Stack align="center" gap={0}>
        <EmptyState icon={IconBook2} title="No integration definitions yet">
          Import a definition file, a bundle, or an OpenAPI document to describe a service: its methods,
          sign-in and settings.
        </EmptyState>
        <Button leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setImporting(true)}>
          Import definitions
        </Button>
      </Stack>
    )
  } else if (hits.length === 0) {
    const what = [search.query && `“${search.query}”`, search.category && `in ${search.category}`]
      .filter(Boolean)
      .join(' ')
    body = (
      <Stack align="center" gap={0}>
        <EmptyState icon={IconSearchOff} title={`No definitions match ${what}`}>
          Search looks at names, categories, capabilities and method names. Try fewer or shorter words.
        </EmptyState>
        <Button variant="light" onClick={clear}>
          Clear search
        </Button>
      </Stack>
    )
  } else {
    body = (
      <CatalogList
        hits={hits}
        words={words}
        activeIndex={activeIndex}
        showActive={navigating}
        onActivate={(index) => setActiveId(hits[index]?.integrationId ?? null)}
        onOpen={open}
        onKeyDown={onKeyDown}
      />
    )
  }

  return (
    <Stack
      h={pageHeight}
      mih={480}
      gap={0}
      onFocus={(event) => setNavigating(event.target === input.current || event.target.id === listId)}
      onBlur={() => setNavigating(false)}
    >
      {/* Header, warnings and search keep their size; the list takes what is left. */}
      <Box style={{ flexShrink: 0 }}>
        <PageHeader
          title="Definitions"
          description="The integrations Switchboard knows: their methods, sign-in and settings."
          actions={
            <Group gap="xs">
              <Button
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={() => setImporting(true)}
              >
                Import
              </Button>
              <ExportMenu />
            </Group>
          }
        />
        {data && <RejectedFiles rejected={data.rejected} />}
        {data && data.total > 0 && (
          <SearchBar
            inputRef={input}
            query={search.query}
            category={search.category}
            categories={data.categories}
            shown={hits.length}
            total={data.total}
            busy={catalog.isFetching && search.query !== ''}
            activeId={hits[activeIndex]?.integrationId ?? null}
            onQuery={setQuery}
            onCategory={(category) => onSearch({ ...search, category })}
            onKeyDown={onKeyDown}
          />
        )}
      </Box>
      {body}
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  )
}
