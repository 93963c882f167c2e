// A small history chart: latency of the latest checks as a line, each check a dot coloured by its
// outcome (failures sit on the baseline in red). Plain SVG until @mantine/charts is installed.
import { useMantineTheme } from '@mantine/core'
import type { HealthPoint } from '../../../src-main/contract/health.ts'

const outcomeColour = { pass: 'teal', warn: 'yellow', fail: 'red', locked: 'grape' } as const

export function Sparkline({
  points,
  width = 160,
  height = 36,
}: {
  points: HealthPoint[]
  width?: number
  height?: number
}) {
  const theme = useMantineTheme()
  if (points.length === 0) return null
  const pad = 4
  const max = Math.max(1, ...points.map((p) => p.latencyMs ?? 0))
  const x = (i: number) =>
    points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1)
  const y = (p: HealthPoint) =>
    p.latencyMs === null || p.outcome === 'fail'
      ? height - pad
      : height - pad - (p.latencyMs / max) * (height - 2 * pad)
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(' ')
  const fails = points.filter((p) => p.outcome === 'fail' || p.outcome === 'locked').length
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Last ${points.length} checks: ${fails} failed; slowest ${Math.round(max)} ms`}
    >
      <path d={line} fill="none" stroke={theme.colors.blue[5]} strokeWidth={1.5} />
      {points.map((p, i) => (
        <circle key={i} cx={x(i)} cy={y(p)} r={2.5} fill={theme.colors[outcomeColour[p.outcome]][6]} />
      ))}
    </svg>
  )
}
