// An RJSF form rendered from a JSON Schema with Mantine widgets, validated by the CSP-safe validator.
// Loaded on first use through LazySchemaForm (RJSF and its Mantine theme are a large part of the
// bundle). Date and time fields use @mantine/dates, whose styles come with this chunk.
import '@mantine/dates/styles.css'
import type { default as CoreForm, IChangeEvent } from '@rjsf/core'
import Form from '@rjsf/mantine'
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils'
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react'
import { validator } from './csp-safe-validator.ts'

export type FormValues = Record<string, unknown>

/** What a parent may ask of the form: validate it as a submit would, showing every error. */
export interface SchemaFormHandle {
  validate(): boolean
}

export interface SchemaFormProps {
  schema: RJSFSchema
  /** Prefix of the fields' ids, unique on the page. */
  formKey: string
  uiSchema?: UiSchema
  /** Controlled values; leave out for a form that keeps its own (a preview). */
  formData?: FormValues
  onChange?: (values: FormValues) => void
  /** Errors from elsewhere (the core), shown on their fields next to the form's own. */
  extraErrors?: ErrorSchema
  disabled?: boolean
  handle?: Ref<SchemaFormHandle>
}

const hideSubmit: UiSchema = { 'ui:submitButtonOptions': { norender: true } }
// Validation failures are shown on the fields; without a handler RJSF would also log them as errors.
const ignoreErrors = () => {}

export default function SchemaForm({
  schema,
  formKey,
  uiSchema,
  formData,
  onChange,
  extraErrors,
  disabled,
  handle,
}: SchemaFormProps) {
  const form = useRef<CoreForm>(null)
  useImperativeHandle(handle, () => ({ validate: () => form.current?.validateForm() ?? false }), [])
  const fullUiSchema = useMemo(() => ({ ...uiSchema, ...hideSubmit }), [uiSchema])
  return (
    <Form
      ref={form}
      schema={schema}
      uiSchema={fullUiSchema}
      validator={validator}
      {...(formData ? { formData } : {})}
      onChange={(event: IChangeEvent) => {
        onChange?.((event.formData ?? {}) as FormValues)
        // Errors already on screen follow each edit, not only the next blur: otherwise fixing a field
        // and clicking a button at once removes the message on the blur, the button moves up under
        // the pointer, and the click is lost.
        if (event.errors.length) setTimeout(() => form.current?.validateForm())
      }}
      {...(extraErrors ? { extraErrors } : {})}
      disabled={disabled}
      // Safe under the CSP (the validator interprets, never compiles): errors show as fields are left.
      liveValidate="onBlur"
      noHtml5Validate
      showErrorList={false}
      onError={ignoreErrors}
      idPrefix={formKey}
    />
  )
}
