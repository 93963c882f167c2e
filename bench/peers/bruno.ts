// Bruno's OpenAPI converter as a whole process: read the file, convert, write the collection out.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// The package ships no type declarations.
const { openApiToBruno } = createRequire(import.meta.url)('@usebruno/converters') as {
  openApiToBruno: (spec: unknown) => unknown
}
const [input = '', output = ''] = process.argv.slice(2)
const collection = openApiToBruno(JSON.parse(readFileSync(input, 'utf8')))
writeFileSync(output, JSON.stringify(collection))
