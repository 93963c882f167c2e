// Writes the published JSON Schema of the definition format from its one source,
// src-main/contract/definition-format.ts. `npm run schema`; a test fails when the file is stale.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { definitionJsonSchema } from '../src-main/contract/definition-format.ts'

export const publishedSchemaPath = join(
  import.meta.dirname,
  '..',
  'definitions',
  'schema',
  'integration-definition.schema.json',
)

export const publishedSchemaText = () => JSON.stringify(definitionJsonSchema(), null, 2) + '\n'

if (process.argv[1] === import.meta.filename) {
  writeFileSync(publishedSchemaPath, publishedSchemaText())
  console.log(`wrote ${publishedSchemaPath}`)
}
