// The schema form, loaded when first shown, with a skeleton meanwhile; plus the helpers its callers
// share: does a schema have anything to fill in, and the schema without its own title.
import { Skeleton, Stack } from '@mantine/core'
import type { RJSFSchema } from '@rjsf/utils'
import { lazy, Suspense } from 'react'
import type { SchemaFormProps } from './SchemaForm.tsx'

const SchemaForm = lazy(() => import('./SchemaForm.tsx'))

function FormSkeleton() {
  return (
    <Stack gap="xs" aria-label="Loading the form" role="status">
      <Skeleton h={14} w="40%" />
      <Skeleton h={36} />
    </Stack>
  )
}

export function LazySchemaForm(props: SchemaFormProps) {
  return (
    <Suspense fallback={<FormSkeleton />}>
      <SchemaForm {...props} />
    </Suspense>
  )
}

export const hasFields = (schema: RJSFSchema) =>
  Object.keys(schema.properties ?? {}).length > 0 || Boolean(schema.oneOf ?? schema.anyOf ?? schema.allOf)

/** The schema without its root title and description: the card or step around it has its own. */
export const untitled = (schema: object): RJSFSchema => ({
  ...(schema as RJSFSchema),
  title: undefined,
  description: undefined,
})
