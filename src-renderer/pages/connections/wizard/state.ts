// The wizard's state, kept by the wizard as people move between steps, and where the core's
// objections belong: each issue path names a step (and a field on it).
import type { ValidationIssue } from '../../../../src-main/contract/errors.ts'
import type { Environment } from '../../../../src-main/contract/types.ts'
import type { FormValues } from '../../../forms/SchemaForm.tsx'

export type ClientChoice =
  { mode: 'existing'; clientId: string | null } | { mode: 'new'; name: string; notes: string }

export interface WizardState {
  integrationId: string | null
  client: ClientChoice
  environment: Environment
  config: FormValues
  secrets: FormValues
  /** Save without credentials now (they can be entered on the connection's page). */
  skipSecrets: boolean
  /** The user accepts secrets that look like another environment's (production needs it said). */
  confirmEnvironment: boolean
  id: string
  label: string
}

export interface WizardPreset {
  clientId?: string
}

export const initialState = (preset: WizardPreset, hasClients: boolean): WizardState => ({
  integrationId: null,
  client:
    preset.clientId || hasClients
      ? { mode: 'existing', clientId: preset.clientId ?? null }
      : { mode: 'new', name: '', notes: '' },
  environment: 'sandbox',
  config: {},
  secrets: {},
  skipSecrets: false,
  confirmEnvironment: false,
  id: '',
  label: '',
})

export const steps = [
  { key: 'integration', label: 'Integration', description: 'Pick a service' },
  { key: 'client', label: 'Client', description: 'And environment' },
  { key: 'config', label: 'Settings', description: 'Configuration' },
  { key: 'credentials', label: 'Credentials', description: 'Kept encrypted' },
  { key: 'review', label: 'Review', description: 'And save' },
  // After saving: sign-in (OAuth 2.0), settings known only then, and the real health check.
  { key: 'test', label: 'Test', description: 'Health check' },
] as const

export type StepKey = (typeof steps)[number]['key']

export const stepIndex = (key: StepKey) => steps.findIndex((step) => step.key === key)

/** Problems found on a step, by field; the core's issues for config and secrets go to those forms. */
export interface StepErrors {
  integration?: string
  clientId?: string
  clientName?: string
  config: ValidationIssue[]
  secrets: ValidationIssue[]
  id?: string
  label?: string
}

export const noErrors: StepErrors = { config: [], secrets: [] }

const under = (path: string, root: string) =>
  path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`)

/** Sorts the core's issues onto the wizard's steps and fields. */
export function placeIssues(issues: ValidationIssue[], stage: 'client' | 'connection'): StepErrors {
  const errors: StepErrors = { config: [], secrets: [] }
  for (const issue of issues) {
    const text = issue.message.charAt(0).toUpperCase() + issue.message.slice(1)
    if (stage === 'client') errors.clientName = `Name: ${issue.message}.`
    else if (under(issue.path, 'config')) errors.config.push(issue)
    else if (under(issue.path, 'secrets')) errors.secrets.push(issue)
    else if (issue.path === 'id') errors.id = `${text}.`
    else if (issue.path === 'label') errors.label = `${text}.`
    else if (issue.path === 'clientId') errors.clientId = `${text}.`
    else if (issue.path === 'integrationId') errors.integration = `${text}.`
  }
  return errors
}

/** The first step that has something to fix, or null. */
export function firstStepWithErrors(errors: StepErrors): StepKey | null {
  if (errors.integration) return 'integration'
  if (errors.clientId || errors.clientName) return 'client'
  if (errors.config.length) return 'config'
  if (errors.secrets.length) return 'credentials'
  if (errors.id || errors.label) return 'review'
  return null
}
