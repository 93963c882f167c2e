import { createTheme } from '@mantine/core'

// Inter is bundled (main.tsx imports @fontsource-variable/inter), so every OS shows the same type;
// the system fonts are only a fallback while it loads.
const fontFamily = '"Inter Variable", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily,
  headings: { fontFamily, fontWeight: '650' },
})
