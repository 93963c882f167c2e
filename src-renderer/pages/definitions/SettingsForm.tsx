// The RJSF form itself, loaded on first use (RJSF and its Mantine theme are a large part of the bundle).
// Date and time fields use @mantine/dates, whose styles come with this chunk.
import '@mantine/dates/styles.css'
import Form from '@rjsf/mantine'
import type { RJSFSchema, UiSchema } from '@rjsf/utils'
import { validator } from '../../forms/csp-safe-validator.ts'

const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } }

export default function SettingsForm({ schema, formKey }: { schema: RJSFSchema; formKey: string }) {
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      validator={validator}
      // Safe under the CSP (the validator interprets, never compiles): errors show as fields are left.
      liveValidate="onBlur"
      noHtml5Validate
      showErrorList={false}
      idPrefix={`config-${formKey}`}
    />
  )
}
