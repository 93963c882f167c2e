import { AppShell, Group, Kbd, NavLink, ScrollArea, Text, ThemeIcon, Title } from '@mantine/core'
import { useHotkeys, useOs } from '@mantine/hooks'
import { IconTopologyStar3 } from '@tabler/icons-react'
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { pages } from './routes.tsx'
import { usePush } from './api/push.tsx'
import { useRefreshVault } from './pages/connections/queries.ts'

function Navigation() {
  const [location, navigate] = useLocation()
  const os = useOs()
  const mod = os === 'macos' ? '⌘' : 'Ctrl'
  useHotkeys(pages.map((page, index) => [`mod+${index + 1}`, () => navigate(page.path)]))
  return (
    <nav aria-label="Main">
      {pages.map((page, index) => {
        const active = location === page.path || location.startsWith(`${page.path}/`)
        return (
          <NavLink
            key={page.path}
            component={Link}
            href={page.path}
            label={page.label}
            active={active}
            aria-current={active ? 'page' : undefined}
            leftSection={<page.icon size={18} stroke={1.7} aria-hidden />}
            rightSection={
              <Text size="xs" c="dimmed" aria-hidden>
                <Kbd size="xs">{mod}</Kbd> <Kbd size="xs">{index + 1}</Kbd>
              </Text>
            }
          />
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
      <AppShell header={{ height: 52 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg">
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
        <AppShell.Navbar p="xs">
          <ScrollArea>
            <Navigation />
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main>
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
