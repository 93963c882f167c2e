// The app's shell in real Chromium: where the keyboard focus goes after a navigation, a sidebar focus
// ring that is not clipped, the sidebar collapsing to icons below ~1000 px, the wizard's step bar at
// 800 px, the bundled Inter font under the CSP, the favicon — and screenshots of the changed screens
// at 1440 and 900 px, light and dark (test-results/screenshots/shell-*).
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pages } from '../../src-renderer/routes.tsx'
import { launchChromium, screenshot, startApp, type RunningApp } from './harness.ts'
import type { Browser } from 'playwright-core'
import { skipWithoutBrowser } from '../support/browser.ts'

let browser: Browser
let app: RunningApp
beforeAll(async () => {
  if (!skipWithoutBrowser) browser = await launchChromium()
})
afterAll(async () => browser?.close())
afterEach(async () => app?.close())

const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement
    return { tag: active?.tagName.toLowerCase() ?? '', text: active?.textContent ?? '' }
  })

/** Nothing the CSP refused, nothing thrown, nothing logged as an error (not even a missing favicon). */
async function expectCleanConsole(running: RunningApp) {
  expect(await running.cspViolations()).toEqual([])
  expect(running.consoleErrors).toEqual([])
}

/** Tab (or Shift+Tab) until a sidebar link has the focus; returns its label. */
async function tabToSidebar(page: Page, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<string> {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press(key)
    const label = await page.evaluate(() => {
      const active = document.activeElement
      return active?.closest('nav[aria-label="Main"]')
        ? (active.getAttribute('aria-label') ?? active.textContent)
        : null
    })
    if (label) return label
  }
  throw new Error('Tab never reached the sidebar')
}

/** How far the focused element's outline reaches past the box that clips it (0 when it fits). */
const outlineOverflow = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement
    const style = getComputedStyle(active)
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset)
    const box = active.getBoundingClientRect()
    let clip: Element | null = active.parentElement
    while (clip && getComputedStyle(clip).overflow === 'visible') clip = clip.parentElement
    const bounds = (clip ?? document.documentElement).getBoundingClientRect()
    return {
      reach,
      overflow: Math.max(
        0,
        bounds.left - (box.left - reach),
        box.right + reach - bounds.right,
        bounds.top - (box.top - reach),
        box.bottom + reach - bounds.bottom,
      ),
    }
  })

/** The distinct rows the wizard's steps sit on. */
const stepRows = (page: Page) =>
  page.evaluate(
    () =>
      new Set(
        [...document.querySelectorAll('.mantine-Stepper-step')].map((step) =>
          Math.round(step.getBoundingClientRect().top),
        ),
      ).size,
  )

/** The wizard, its vault set-up dialog (offered on arrival in a fresh data folder) dismissed. */
async function openWizard(page: Page, running: RunningApp) {
  await page.goto(`${running.bridge.url}#/connections/new`)
  await page.getByRole('heading', { name: 'New connection', level: 2 }).waitFor()
  const vault = page.getByRole('dialog', { name: 'Create your secrets vault' })
  await vault.waitFor()
  await page.keyboard.press('Escape')
  await vault.waitFor({ state: 'hidden' })
}

describe.skipIf(skipWithoutBrowser)('the shell in Chromium', () => {
  it('moves the focus to the page heading after Ctrl+N and after opening a definition', async () => {
    app = await startApp(browser)
    const { page } = app
    await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    expect(await tabToSidebar(page)).toContain('Definitions')
    const audit = pages.findIndex((route) => route.path === '/audit') + 1
    await page.keyboard.press(`Control+${audit}`)
    await page.getByRole('heading', { name: 'Audit', level: 2 }).waitFor()
    await expect.poll(() => focused(page)).toEqual({ tag: 'h2', text: 'Audit' })
    // Enter on a sidebar link (Shift+Tab from the heading goes back up to the last one): the same.
    expect(await tabToSidebar(page, 'Shift+Tab')).toContain('Settings')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor()
    await expect.poll(() => focused(page)).toEqual({ tag: 'h2', text: 'Settings' })
    await page.keyboard.press('Control+1')
    await expect.poll(() => focused(page)).toEqual({ tag: 'h2', text: 'Definitions' })
    // Opening a definition from the search box lands on its heading, not on <body>.
    await page.getByRole('searchbox').fill('stripe')
    await page
      .getByRole('option', { name: /Stripe/ })
      .first()
      .waitFor()
    await page.getByRole('searchbox').press('Enter')
    await page.getByRole('heading', { name: 'Stripe', level: 2 }).waitFor()
    await expect.poll(() => focused(page)).toEqual({ tag: 'h2', text: 'Stripe' })
    // It says where you are; it is not a control, so no focus ring is drawn around it.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe(
      'none',
    )
    // And Escape, back to the catalog, to the catalog's heading.
    await page.keyboard.press('Escape')
    await expect.poll(() => focused(page)).toEqual({ tag: 'h2', text: 'Definitions' })
    await expectCleanConsole(app)
  })

  for (const width of [1440, 900]) {
    it(`draws the sidebar's focus ring whole at ${width} px`, async () => {
      app = await startApp(browser)
      const { page } = app
      await page.setViewportSize({ width, height: 800 })
      await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
      await tabToSidebar(page)
      const ring = await outlineOverflow(page)
      expect(ring.reach).toBeGreaterThan(0)
      expect(ring.overflow).toBe(0)
      await page.waitForTimeout(300)
      await screenshot(page, `shell-focus-ring-${width}`)
    })
  }

  it('collapses the sidebar to named icons below 1000 px, with the name on hover and focus', async () => {
    app = await startApp(browser)
    const { page } = app
    await page.setViewportSize({ width: 900, height: 800 })
    const nav = page.getByRole('navigation', { name: 'Main' })
    await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    expect((await nav.boundingBox())?.width).toBeLessThan(80)
    for (const route of pages) {
      const link = nav.getByRole('link', { name: route.label, exact: true })
      expect(await link.isVisible()).toBe(true)
      expect((await link.innerText()).trim()).toBe('')
    }
    await nav.getByRole('link', { name: 'Connections', exact: true }).hover()
    await page.getByRole('tooltip', { name: /^Connections · Ctrl\+\d$/ }).waitFor()
    await page.setViewportSize({ width: 1440, height: 800 })
    await expect.poll(async () => (await nav.boundingBox())?.width).toBeGreaterThan(200)
    // The label appears once the width transition has settled, not with the first wider frame.
    await expect
      .poll(async () => nav.getByRole('link', { name: /Connections/ }).innerText())
      .toContain('Connections')
  })

  for (const width of [800, 1440]) {
    it(`keeps the wizard’s step bar on one row at ${width} px`, async () => {
      app = await startApp(browser)
      const { page } = app
      await page.setViewportSize({ width, height: 800 })
      await openWizard(page, app)
      await page.getByRole('region', { name: /^Step 1 of 6/ }).waitFor()
      await page.waitForTimeout(300)
      await screenshot(page, `shell-wizard-${width}`)
      expect(await stepRows(page)).toBe(1)
    })
  }

  it('renders in the bundled Inter font, allowed by the CSP, and shows the favicon', async () => {
    app = await startApp(browser)
    const { page } = app
    await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
    const font = await page.evaluate(async () => {
      await document.fonts.ready
      return {
        body: getComputedStyle(document.body).fontFamily,
        heading: getComputedStyle(document.querySelector('h2') as Element).fontFamily,
        loaded: document.fonts.check('16px "Inter Variable"'),
        faces: [...document.fonts].filter(
          (face) => face.family.includes('Inter Variable') && face.status === 'loaded',
        ).length,
      }
    })
    expect(font.body).toMatch(/^"Inter Variable"/)
    expect(font.heading).toMatch(/^"Inter Variable"/)
    expect(font.loaded).toBe(true)
    expect(font.faces).toBeGreaterThan(0)
    const icon = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]')
      if (!link) return null
      const response = await fetch(link.href)
      return { status: response.status, type: response.headers.get('content-type') }
    })
    expect(icon).toEqual({ status: 200, type: 'image/svg+xml' })
    await expectCleanConsole(app)
  })
})

describe.skipIf(skipWithoutBrowser)('screenshots of the changed screens', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1440, 900]) {
      it(`at ${width} px, ${scheme}`, async () => {
        app = await startApp(browser, { colorScheme: scheme })
        const { page } = app
        await page.setViewportSize({ width, height: 900 })
        await page.getByRole('heading', { name: 'Definitions', level: 2 }).waitFor()
        expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe(scheme)
        const name = (screen: string) => `shell-${screen}-${width}-${scheme}`
        await page.waitForLoadState('networkidle')
        await screenshot(page, name('definitions'))
        await page.getByRole('searchbox').fill('stripe')
        await page
          .getByRole('option', { name: /Stripe/ })
          .first()
          .waitFor()
        await page.getByRole('searchbox').press('Enter')
        await page.getByRole('heading', { name: 'Stripe', level: 2 }).waitFor()
        await page.waitForLoadState('networkidle')
        await screenshot(page, name('definition'))
        await openWizard(page, app)
        await page.getByRole('region', { name: /^Step 1 of 6/ }).waitFor()
        await page.waitForTimeout(300)
        await screenshot(page, name('wizard'))
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Audit/ }).click()
        await page.getByRole('heading', { name: 'Audit', level: 2 }).waitFor()
        await page.waitForTimeout(300)
        await screenshot(page, name('audit'))
        await expectCleanConsole(app)
      })
    }
  }
})
