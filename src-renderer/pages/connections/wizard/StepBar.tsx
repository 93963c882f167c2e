// The wizard's step bar. Roomy (from the lg breakpoint, 1200 px) each step has its label and
// description beside its number; narrower, the label goes under the number and the description is
// left out, so the six steps stay on one row down to an 800 px window.
import { Stepper, useMantineTheme } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { steps } from './state.ts'

export function StepBar({ active, onStepClick }: { active: number; onStepClick: (index: number) => void }) {
  const theme = useMantineTheme()
  const roomy = useMediaQuery(`(min-width: ${theme.breakpoints.lg})`, true, {
    getInitialValueInEffect: false,
  })
  return (
    <Stepper
      active={active}
      onStepClick={onStepClick}
      allowNextStepsSelect={false}
      size="sm"
      labelPosition={roomy ? 'right' : 'bottom'}
      mb="lg"
    >
      {steps.map((step) => (
        <Stepper.Step key={step.key} label={step.label} description={roomy ? step.description : undefined} />
      ))}
    </Stepper>
  )
}
