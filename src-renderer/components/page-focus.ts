// Where the keyboard focus goes after a navigation: to the new page's main heading (its first <h2>
// in <main>), so Ctrl+1…N, a sidebar link or opening a definition leaves people on what they opened,
// not on the sidebar or on <body>. Only when the focus would otherwise be lost (on <body>, or outside
// the page and its dialogs: the sidebar, the header): a choice inside a page that changes the route
// (the Playground's pickers) keeps its focus. A heading that appears later (a page still loading)
// gets it when it shows up; until then <main> holds it.
import { useEffect, useRef } from 'react'

function lost(active: Element | null, main: HTMLElement): boolean {
  if (!active || !active.isConnected || active === document.body || active === main) return true
  // Dialogs, menus and dropdowns live in portals outside <main>; their focus is theirs.
  return !main.contains(active) && active.closest('[role="dialog"], [data-portal]') === null
}

function focusHeading(main: HTMLElement): boolean {
  const heading = main.querySelector<HTMLElement>('h2')
  const target = heading ?? main
  // Headings and <main> are not focusable by default: focusable from script only, not by Tab.
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus()
  return heading !== null
}

/** Moves the focus into the page each time `location` changes (not on the first render). */
export function usePageFocus(location: string): void {
  const previous = useRef(location)
  useEffect(() => {
    if (previous.current === location) return
    previous.current = location
    const main = document.querySelector('main')
    if (!main || !lost(document.activeElement, main)) return
    if (focusHeading(main)) return
    const observer = new MutationObserver(() => {
      if (!lost(document.activeElement, main)) observer.disconnect()
      else if (focusHeading(main)) observer.disconnect()
    })
    observer.observe(main, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [location])
}
