// A small history chart: latency of the latest checks as @mantine/charts' Sparkline, each check a dot
// coloured by its outcome (failures sit on the baseline in red). The wrapper carries the summary a
// screen reader reads, since the chart itself is a picture.
import '@mantine/charts/styles.css'
import { Sparkline as MantineSparkline } from '@mantine/charts'
import { Box, useMantineTheme } from '@mantine/core'
import type { HealthPoint } from '../../../src-main/contract/health.ts'

const outcomeColour = { pass: 'teal', warn: 'yellow', fail: 'red', locked: 'grape' } as const

/** The part of recharts' dot props this chart reads. */
interface DotProps {
  cx?: number
  cy?: number
  index?: number
}

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
  const failed = (p: HealthPoint) => p.outcome === 'fail' || p.outcome === 'locked'
  const latency = points.map((p) => (failed(p) ? 0 : (p.latencyMs ?? 0)))
  const slowest = Math.max(0, ...latency)
  const dot = ({ cx, cy, index }: DotProps) => {
    const point = index === undefined ? undefined : points[index]
    if (cx === undefined || cy === undefined || !point) return <g key={index} />
    return <circle key={index} cx={cx} cy={cy} r={2.5} fill={theme.colors[outcomeColour[point.outcome]][6]} />
  }
  return (
    <Box
      w={width}
      h={height}
      role="img"
      aria-label={`Last ${points.length} checks: ${points.filter(failed).length} failed; slowest ${Math.round(slowest)} ms`}
    >
      <MantineSparkline
        data={latency}
        w={width}
        h={height}
        color="blue"
        fillOpacity={0.25}
        strokeWidth={1.5}
        areaProps={{ dot, isAnimationActive: false }}
      />
    </Box>
  )
}
