// The catalog as a virtualized listbox: only the rows in view (plus a few) are in the DOM, so a
// thousand definitions scroll as smoothly as ten. The active row follows the keyboard.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { DefinitionSearchHit } from '../../../src-main/contract/types.ts'
import classes from './catalog.module.css'
import { CatalogRow, optionId, rowHeight } from './CatalogRow.tsx'

export const listId = 'definition-catalog'

export function CatalogList({
  hits,
  words,
  activeIndex,
  showActive,
  onActivate,
  onOpen,
  onKeyDown,
}: {
  hits: DefinitionSearchHit[]
  words: string[]
  activeIndex: number
  /** Whether the search or the list has the focus: only then is the keyboard's row marked. */
  showActive: boolean
  onActivate: (index: number) => void
  onOpen: (hit: DefinitionSearchHit) => void
  onKeyDown: (event: KeyboardEvent) => void
}) {
  const scroller = useRef<HTMLDivElement>(null)
  // The React Compiler lint cannot see that useVirtualizer returns functions that must not be memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => hits[index]?.integrationId ?? index,
    overscan: 8,
  })

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < hits.length)
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, hits.length, virtualizer])

  const active = hits[activeIndex]
  return (
    <div
      ref={scroller}
      id={listId}
      role="listbox"
      aria-label="Definitions"
      aria-activedescendant={active ? optionId(active.integrationId) : undefined}
      tabIndex={0}
      className={classes.list}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const hit = hits[item.index]
          if (!hit) return null
          return (
            <CatalogRow
              key={item.key}
              hit={hit}
              words={words}
              active={showActive && item.index === activeIndex}
              index={item.index}
              count={hits.length}
              style={{ transform: `translateY(${item.start}px)` }}
              onOpen={() => onOpen(hit)}
              onHover={() => onActivate(item.index)}
            />
          )
        })}
      </div>
    </div>
  )
}
