// Search as you type and the category filter. "/" or Ctrl/⌘+K focuses the search from anywhere on
// the page; arrow keys and Enter (handled by the page) move through and open the results.
import { CloseButton, Group, Kbd, Loader, Select, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import type { KeyboardEvent, Ref } from 'react'
import { listId } from './CatalogList.tsx'
import { optionId } from './CatalogRow.tsx'

export function SearchBar({
  inputRef,
  query,
  category,
  categories,
  shown,
  total,
  busy,
  activeId,
  onQuery,
  onCategory,
  onKeyDown,
}: {
  inputRef: Ref<HTMLInputElement>
  query: string
  category: string | null
  categories: string[]
  shown: number
  total: number
  busy: boolean
  activeId: string | null
  onQuery: (query: string) => void
  onCategory: (category: string | null) => void
  onKeyDown: (event: KeyboardEvent) => void
}) {
  const right = busy ? (
    <Loader size={14} aria-label="Searching" />
  ) : query ? (
    <CloseButton size="sm" aria-label="Clear the search text" onClick={() => onQuery('')} />
  ) : (
    <Kbd size="xs" aria-hidden>
      /
    </Kbd>
  )
  return (
    <Group gap="sm" mb="sm" wrap="nowrap" align="center">
      <TextInput
        ref={inputRef}
        role="searchbox"
        aria-label="Search definitions"
        aria-controls={listId}
        aria-activedescendant={activeId ? optionId(activeId) : undefined}
        placeholder="Search names, capabilities, methods…"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={right}
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        style={{ flex: 1 }}
        autoComplete="off"
        spellCheck={false}
      />
      <Select
        aria-label="Category"
        placeholder="All categories"
        data={categories}
        value={category}
        onChange={onCategory}
        clearable
        searchable
        w={220}
        comboboxProps={{ shadow: 'md' }}
      />
      <Text size="sm" c="dimmed" miw={110} ta="right" aria-live="polite">
        {shown === total ? `${total} ${total === 1 ? 'definition' : 'definitions'}` : `${shown} of ${total}`}
      </Text>
    </Group>
  )
}
