// Postman's OpenAPI converter (openapi-to-postmanv2) as a whole process: read, convert, write out.
import { readFileSync, writeFileSync } from 'node:fs'
import converter from 'openapi-to-postmanv2'

const [input = '', output = ''] = process.argv.slice(2)
converter.convert({ type: 'json', data: JSON.parse(readFileSync(input, 'utf8')) }, {}, (error, result) => {
  if (error || !result?.result) throw new Error(String(error ?? result?.reason))
  writeFileSync(output, JSON.stringify(result.output))
})
