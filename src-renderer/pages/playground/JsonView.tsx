// Pretty JSON whose objects and arrays fold, keyboard-accessible (react-json-view-lite renders an
// ARIA tree), in the app's colours. Scalars and text are shown as they are.
import { Code } from '@mantine/core'
import type { ComponentProps } from 'react'
import { JsonView as JsonTree } from 'react-json-view-lite'
import classes from './json-view.module.css'

const style: ComponentProps<typeof JsonTree>['style'] = {
  container: classes.container ?? '',
  basicChildStyle: classes.child ?? '',
  childFieldsContainer: classes.childFields ?? '',
  label: classes.label ?? '',
  clickableLabel: `${classes.label ?? ''} ${classes.clickable ?? ''}`,
  nullValue: classes.null ?? '',
  undefinedValue: classes.null ?? '',
  numberValue: classes.number ?? '',
  stringValue: classes.string ?? '',
  booleanValue: classes.boolean ?? '',
  otherValue: classes.string ?? '',
  punctuation: classes.punctuation ?? '',
  expandIcon: `${classes.expander ?? ''} ${classes.expand ?? ''}`,
  collapseIcon: `${classes.expander ?? ''} ${classes.collapse ?? ''}`,
  collapsedContent: classes.collapsed ?? '',
  ariaLables: { collapseJson: 'Collapse', expandJson: 'Expand' },
  stringifyStringValues: true,
  quotesForFieldNames: true,
}

/** The first two levels open, deeper ones folded: large responses stay readable. */
const expandTwoLevels = (level: number) => level < 2

export function JsonView({ value, label }: { value: unknown; label: string }) {
  if (typeof value !== 'object' || value === null)
    return (
      <Code block aria-label={label}>
        {typeof value === 'string' ? value : JSON.stringify(value)}
      </Code>
    )
  return <JsonTree data={value} style={style} shouldExpandNode={expandTwoLevels} aria-label={label} />
}
