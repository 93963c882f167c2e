// The app's pages, listed once: navigation, shortcuts (Ctrl/Cmd + 1…8) and routing derive from it.
import {
  IconActivityHeartbeat,
  IconBook2,
  IconHistory,
  IconPlayerPlay,
  IconPlugConnected,
  IconRobot,
  IconSettings,
  IconWebhook,
  type Icon,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { AiAssistantsPage } from './pages/AiAssistantsPage.tsx'
import { AuditPage } from './pages/AuditPage.tsx'
import { ConnectionsPage } from './pages/ConnectionsPage.tsx'
import { DefinitionsPage } from './pages/DefinitionsPage.tsx'
import { HealthPage } from './pages/HealthPage.tsx'
import { PlaygroundPage } from './pages/PlaygroundPage.tsx'
import { SettingsPage } from './pages/SettingsPage.tsx'
import { WebhooksPage } from './pages/WebhooksPage.tsx'

export interface PageRoute {
  path: string
  label: string
  icon: Icon
  component: ComponentType
}

export const pages: PageRoute[] = [
  { path: '/definitions', label: 'Definitions', icon: IconBook2, component: DefinitionsPage },
  { path: '/connections', label: 'Connections', icon: IconPlugConnected, component: ConnectionsPage },
  { path: '/playground', label: 'Playground', icon: IconPlayerPlay, component: PlaygroundPage },
  { path: '/health', label: 'Health', icon: IconActivityHeartbeat, component: HealthPage },
  { path: '/webhooks', label: 'Webhooks', icon: IconWebhook, component: WebhooksPage },
  { path: '/audit', label: 'Audit', icon: IconHistory, component: AuditPage },
  { path: '/assistants', label: 'AI assistants', icon: IconRobot, component: AiAssistantsPage },
  { path: '/settings', label: 'Settings', icon: IconSettings, component: SettingsPage },
]
