// A client's colour: a Mantine palette name (the core picks one per new client), shown as a swatch.
import { CheckIcon, ColorSwatch, Group, Radio, Stack, Text } from '@mantine/core'

/** The palette the core assigns from (core/connections/ids.ts); any lowercase Mantine colour is valid. */
export const clientColours = [
  'indigo',
  'teal',
  'grape',
  'orange',
  'cyan',
  'pink',
  'lime',
  'violet',
  'blue',
  'red',
]

export const colourVar = (colour: string) => `var(--mantine-color-${colour}-6)`

export function ClientSwatch({ colour, size = 14 }: { colour: string; size?: number }) {
  return <ColorSwatch color={colourVar(colour)} size={size} withShadow={false} aria-hidden />
}

export function ColourPicker({ value, onChange }: { value: string; onChange: (colour: string) => void }) {
  return (
    <Radio.Group label="Colour" value={value} onChange={onChange}>
      <Stack gap={4} mt={4}>
        <Group gap={6}>
          {clientColours.map((colour) => (
            <Radio.Card
              key={colour}
              value={colour}
              aria-label={colour}
              radius="xl"
              w={28}
              h={28}
              p={0}
              withBorder={false}
              style={{ background: colourVar(colour), display: 'grid', placeItems: 'center' }}
            >
              {value === colour && <CheckIcon size={12} color="white" />}
            </Radio.Card>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          Shown next to the client’s name, to tell clients apart at a glance.
        </Text>
      </Stack>
    </Radio.Group>
  )
}
