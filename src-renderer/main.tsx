import '@fontsource-variable/inter'
import '@mantine/core/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createClient } from './api/client.ts'
import { Root } from './Root.tsx'

const root = createRoot(document.getElementById('root') as HTMLElement)

if (!window.switchboard) {
  root.render(<p style={{ padding: 24 }}>Switchboard must be opened from the app (its bridge is missing).</p>)
} else {
  root.render(
    <StrictMode>
      <Root client={createClient(window.switchboard)} subscribe={window.switchboard.subscribe ?? null} />
    </StrictMode>,
  )
}
