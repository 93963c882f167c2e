// A list of validation issues, each shown as `path — message`.
import { Code, List, Text } from '@mantine/core'
import type { ValidationIssue } from '../../src-main/contract/errors.ts'

export function IssueList({ issues }: { issues: ValidationIssue[] }) {
  return (
    <List size="sm" spacing={4} listStyleType="none" withPadding={false}>
      {issues.map((issue, index) => (
        <List.Item key={`${issue.path}-${index}`}>
          <Text span size="sm" style={{ wordBreak: 'break-word' }}>
            <Code>{issue.path}</Code> — {issue.message}
          </Text>
        </List.Item>
      ))}
    </List>
  )
}
