// The core's objections on a step, summarised above the fields that carry them.
import { Alert } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { ValidationIssue } from '../../../../src-main/contract/errors.ts'
import { IssueList } from '../../../components/IssueList.tsx'

export function IssuesAlert({ issues, what }: { issues: ValidationIssue[]; what: string }) {
  if (!issues.length) return null
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={`Switchboard did not accept these ${what}`}
      role="alert"
    >
      <IssueList issues={issues} />
    </Alert>
  )
}
