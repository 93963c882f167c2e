// Credentials, rendered from the definition's secretSchema with password fields only: typed values
// stay in the form until they are sent to the vault, and nothing ever fills them back in.
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils'
import { useMemo, type Ref } from 'react'
import { LazySchemaForm, untitled } from '../../forms/LazySchemaForm.tsx'
import type { FormValues, SchemaFormHandle } from '../../forms/SchemaForm.tsx'

/**
 * Every field a password field, never autofilled from or offered to the browser's password store, with
 * the field's description under it (RJSF's Mantine password widget leaves the schema's out).
 */
export function passwordUiSchema(schema: RJSFSchema): UiSchema {
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([field, property]) => {
      const description =
        typeof property === 'object' && typeof property.description === 'string'
          ? property.description
          : undefined
      // Mantine's PasswordInput receives unknown options as props.
      const options = { autoComplete: 'new-password', ...(description ? { description } : {}) }
      return [field, { 'ui:widget': 'password', 'ui:options': options }]
    }),
  )
}

/** The fields of a secretSchema with their titles, in schema order. */
export function secretFields(schema: object): { field: string; title: string; required: boolean }[] {
  const { properties = {}, required = [] } = schema as RJSFSchema
  return Object.entries(properties).map(([field, property]) => {
    const title = typeof property === 'object' && typeof property.title === 'string' ? property.title : field
    return { field, title, required: required.includes(field) }
  })
}

export function SecretsForm({
  schema,
  formKey,
  values,
  onChange,
  extraErrors,
  disabled,
  handle,
}: {
  schema: object
  formKey: string
  values: FormValues
  onChange: (values: FormValues) => void
  extraErrors?: ErrorSchema
  disabled?: boolean
  handle?: Ref<SchemaFormHandle>
}) {
  const shown = useMemo(() => untitled(schema), [schema])
  const uiSchema = useMemo(() => passwordUiSchema(shown), [shown])
  return (
    <LazySchemaForm
      schema={shown}
      uiSchema={uiSchema}
      formKey={formKey}
      formData={values}
      onChange={onChange}
      {...(extraErrors ? { extraErrors } : {})}
      {...(disabled ? { disabled } : {})}
      {...(handle ? { handle } : {})}
    />
  )
}
