import {
  AppShell,
  Group,
  Kbd,
  NavLink,
  ScrollArea,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  useMantineTheme,
} from '@mantine/core'
import { useHotkeys, useMediaQuery, useOs } from '@mantine/hooks'
import { IconTopologyStar3 } from '@tabler/icons-react'
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { usePageFocus } from './components/page-focus.ts'
import { pages } from './routes.tsx'
import { usePush } from './api/push.tsx'
import { useRefreshVault } from './pages/connections/queries.ts'
import classes from './shell.module.css'

/** Below the md breakpoint (~1000 px) the sidebar shows icons only: same width rule as the AppShell's. */
function useWideShell(): boolean {
  const theme = useMantineTheme()
  return useMediaQuery(`(min-width: ${theme.breakpoints.md})`, true, { getInitialValueInEffect: false })
}

function Navigation() {
  const [location, navigate] = useLocation()
  const os = useOs()
  const wide = useWideShell()
  const mod = os === 'macos' ? '⌘' : 'Ctrl'
  useHotkeys(pages.map((page, index) => [`mod+${index + 1}`, () => navigate(page.path)]))
  usePageFocus(location)
  return (
    <nav aria-label="Main" className={classes.nav} data-collapsed={wide ? undefined : true}>
      {pages.map((page, index) => {
        const active = location === page.path || location.startsWith(`${page.path}/`)
        const link = (
          <NavLink
            key={page.path}
            component={Link}
            href={page.path}
            label={wide ? page.label : undefined}
            // Collapsed, the icon is all there is: the name is said by screen readers and shown on hover.
            aria-label={wide ? undefined : page.label}
            active={active}
            aria-current={active ? 'page' : undefined}
            classNames={{ root: classes.link, section: classes.linkSection, body: classes.linkBody }}
            leftSection={<page.icon size={18} stroke={1.7} aria-hidden />}
            rightSection={
              wide && (
                <Text size="xs" c="dimmed" aria-hidden>
                  <Kbd size="xs">{mod}</Kbd> <Kbd size="xs">{index + 1}</Kbd>
                </Text>
              )
            }
          />
        )
        return wide ? (
          link
        ) : (
          <Tooltip
            key={page.path}
            label={`${page.label} · ${mod}+${index + 1}`}
            position="right"
            withArrow
            events={{ hover: true, focus: true, touch: false }}
          >
            {link}
          </Tooltip>
        )
      })}
    </nav>
  )
}

/** The vault locked itself (idle): its status and the connections' follow, wherever they are shown. */
function VaultStateListener() {
  const refresh = useRefreshVault()
  usePush('vault.state', () => void refresh())
  return null
}

export function App() {
  return (
    <Router hook={useHashLocation}>
      <VaultStateListener />
      <AppShell header={{ height: 52 }} navbar={{ width: { base: 64, md: 240 }, breakpoint: 0 }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" gap="xs">
            <ThemeIcon variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }} size="md" radius="md">
              <IconTopologyStar3 size={18} aria-hidden />
            </ThemeIcon>
            <Title order={1} size="h4">
              Switchboard
            </Title>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p={6}>
          <ScrollArea>
            <Navigation />
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main className={classes.main}>
          <Switch>
            {pages.map((page) => (
              <Route key={page.path} path={page.path} nest component={page.component} />
            ))}
            <Route>
              <Redirect to={pages[0]?.path ?? '/'} replace />
            </Route>
          </Switch>
        </AppShell.Main>
      </AppShell>
    </Router>
  )
}
