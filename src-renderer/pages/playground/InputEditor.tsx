// The method's input, as a form generated from its inputSchema or as raw JSON, switchable both ways.
// What the form's validator finds is listed, but never blocks Run (the core is the judge).
import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core'
import { IconAlertTriangle, IconBraces, IconForms } from '@tabler/icons-react'
import type { RJSFSchema } from '@rjsf/utils'
import { useMemo, useRef } from 'react'
import { IssueList } from '../../components/IssueList.tsx'
import { hasFields, LazySchemaForm, untitled } from '../../forms/LazySchemaForm.tsx'
import { formDepthLimit, parseJson, schemaDepth, toJsonText } from './input-json.ts'
import { inputIssues } from './input-issues.ts'
import {
  describeParseError,
  editForm,
  editJson,
  inputToSend,
  switchMode,
  type EditorMode,
  type InputState,
} from './input-state.ts'

export function InputEditor({
  schema,
  state,
  onChange,
  formKey,
}: {
  schema: RJSFSchema
  state: InputState
  onChange: (state: InputState) => void
  /** Unique per method, so the form's field ids do not collide between methods. */
  formKey: string
}) {
  const formSchema = useMemo(() => untitled(schema), [schema])
  const textarea = useRef<HTMLTextAreaElement>(null)
  const sending = inputToSend(state)
  const parseError = sending.ok ? null : sending.error
  const issues = useMemo(
    () => (sending.ok ? inputIssues(formSchema, sending.input) : []),
    // The text is what changes; the parsed input follows from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [formSchema, state.mode, state.text, state.value],
  )
  const deep = schemaDepth(formSchema) > formDepthLimit
  const showError = () => {
    if (!parseError || !textarea.current) return
    textarea.current.focus()
    textarea.current.setSelectionRange(parseError.offset, Math.min(parseError.offset + 1, state.text.length))
  }
  const format = () => {
    const parsed = parseJson(state.text)
    if (parsed.ok) onChange(editJson(state, toJsonText(parsed.value)))
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          aria-label="Input editor"
          size="xs"
          value={state.mode}
          onChange={(mode) => onChange(switchMode(state, mode as EditorMode))}
          data={[
            {
              value: 'form',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconForms size={14} aria-hidden />
                  Form
                </Group>
              ),
            },
            {
              value: 'json',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconBraces size={14} aria-hidden />
                  JSON
                </Group>
              ),
            },
          ]}
        />
        {state.mode === 'json' && (
          <Button size="compact-xs" variant="subtle" onClick={format} disabled={Boolean(parseError)}>
            Format
          </Button>
        )}
      </Group>
      {state.switchError && (
        <Alert color="yellow" variant="light" py="xs" role="alert">
          {state.switchError}
        </Alert>
      )}
      {state.mode === 'form' ? (
        hasFields(formSchema) ? (
          <LazySchemaForm
            schema={formSchema}
            formKey={formKey}
            formData={state.value}
            onChange={(values) => onChange(editForm(state, values))}
          />
        ) : (
          <Text size="sm" c="dimmed">
            This method takes no input.
          </Text>
        )
      ) : (
        <>
          {deep && (
            <Text size="xs" c="dimmed">
              Its input nests more than {formDepthLimit} levels deep, so it opens as JSON; the form is one
              click away.
            </Text>
          )}
          <Textarea
            ref={textarea}
            aria-label="Input as JSON"
            value={state.text}
            onChange={(event) => onChange(editJson(state, event.currentTarget.value))}
            autosize
            minRows={8}
            maxRows={24}
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            error={
              parseError && (
                <span>
                  {describeParseError(parseError)}{' '}
                  <Anchor component="button" type="button" size="xs" onClick={showError}>
                    Show me
                  </Anchor>
                </span>
              )
            }
          />
        </>
      )}
      {issues.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={16} aria-hidden />}
          title={
            issues.length === 1
              ? 'The input does not match its schema'
              : `${issues.length} problems in the input`
          }
        >
          <Stack gap={6}>
            <IssueList issues={issues} />
            <Text size="xs" c="dimmed">
              You can still run it to see what the service says; Switchboard checks the input again and sends
              nothing it refuses.
            </Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  )
}
