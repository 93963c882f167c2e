// The app's shell against a real core: where the keyboard focus goes after Ctrl+1…N, a sidebar link
// or opening a definition (the page's heading, never <body> or the sidebar), and the sidebar
// collapsed to named icons in a narrow window.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { callNames, type SwitchboardBridge } from '../../src-main/contract/api.ts'
import { buildBridgeApi } from '../../src-main/contract/bridge-api.ts'
import { createClient } from '../../src-renderer/api/client.ts'
import { Root } from '../../src-renderer/Root.tsx'
import { pages } from '../../src-renderer/routes.tsx'
import { createTempCore, tempDir, type TempCore } from '../support/temp-core.ts'

const bundled = join(import.meta.dirname, '../../definitions')

let temp: TempCore
let definitionsDir: string

// happy-dom lays nothing out: give the catalog's virtualized list a window's worth of height.
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'listbox' ? 600 : 0
    },
  })
})
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
  if (clientHeight) Object.defineProperty(Element.prototype, 'clientHeight', clientHeight)
})

afterEach(() => {
  temp?.dispose()
  rmSync(definitionsDir, { recursive: true, force: true })
  setViewport(1024, 768)
})

/** A core with the bundled Stripe definition only (quick to load). */
function mount(hash = '#/definitions') {
  definitionsDir = tempDir('switchboard-definitions-')
  copyFileSync(join(bundled, 'stripe.json'), join(definitionsDir, 'stripe.json'))
  temp = createTempCore({ definitionsDir })
  window.location.hash = hash
  const bridge = buildBridgeApi(callNames, (name, args) =>
    temp.core.dispatch(name, args),
  ) as unknown as SwitchboardBridge
  return render(<Root client={createClient(bridge)} />)
}

/** happy-dom's own control of the window's size (its matchMedia follows it). */
const setViewport = (width: number, height: number) =>
  (
    window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }
  ).happyDOM.setViewport({ width, height })

const nav = () => screen.getByRole('navigation', { name: 'Main' })
const shortcut = (path: string) => String(pages.findIndex((page) => page.path === path) + 1)

describe('focus after a navigation', () => {
  it('goes to the new page’s heading after Ctrl+N, not to the sidebar link', async () => {
    mount()
    await screen.findByRole('heading', { name: 'Definitions', level: 2 })
    const link = within(nav()).getByRole('link', { name: /Definitions/ })
    link.focus()
    fireEvent.keyDown(link, { key: shortcut('/audit'), ctrlKey: true })
    const heading = await screen.findByRole('heading', { name: 'Audit', level: 2 })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    // Focusable from script only: Tab still skips it.
    expect(heading.getAttribute('tabindex')).toBe('-1')
  })

  it('goes to the page’s heading after following a sidebar link', async () => {
    mount()
    await screen.findByRole('heading', { name: 'Definitions', level: 2 })
    const link = within(nav()).getByRole('link', { name: /Settings/ })
    link.focus()
    fireEvent.click(link)
    const heading = await screen.findByRole('heading', { name: 'Settings', level: 2 })
    await waitFor(() => expect(document.activeElement).toBe(heading))
  })

  it('goes to a definition’s heading once it has loaded, not to <body>', async () => {
    mount()
    const search = await screen.findByRole('searchbox', { name: 'Search definitions' })
    await screen.findByRole('option', { name: /Stripe/ })
    search.focus()
    fireEvent.keyDown(search, { key: 'Enter' })
    const heading = await screen.findByRole('heading', { name: 'Stripe', level: 2 })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    // Escape, back to the catalog: its heading.
    fireEvent.keyDown(document.documentElement, { key: 'Escape' })
    const catalog = await screen.findByRole('heading', { name: 'Definitions', level: 2 })
    await waitFor(() => expect(document.activeElement).toBe(catalog))
  })

  it('leaves it where it is when a choice inside the page changes the route', async () => {
    mount('#/playground')
    await screen.findByRole('heading', { name: 'Playground', level: 2 })
    // With no connections the page offers to create one; that link stays through the route change.
    const picker = await screen.findByRole('link', { name: 'New connection' })
    picker.focus()
    window.location.hash = '#/playground/conn_elsewhere'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    await waitFor(() => expect(window.location.hash).toBe('#/playground/conn_elsewhere'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(picker.isConnected).toBe(true)
    expect(document.activeElement).toBe(picker)
  })

  it('leaves the focus alone on the first render', async () => {
    mount()
    await screen.findByRole('heading', { name: 'Definitions', level: 2 })
    expect(document.activeElement).toBe(document.body)
  })
})

describe('the sidebar in a narrow window', () => {
  it('shows icons only, each link still named', async () => {
    setViewport(900, 700)
    mount()
    await screen.findByRole('heading', { name: 'Definitions', level: 2 })
    for (const page of pages) {
      const link = within(nav()).getByRole('link', { name: page.label })
      expect(link.textContent?.trim()).toBe('')
    }
  })
})
