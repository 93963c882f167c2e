// A code connector, loaded through definitions/connectors.manifest.json: Google Sheets values as typed
// rows, which a declarative binding cannot express. `values.rows` reads a range with
// valueRenderOption=UNFORMATTED_VALUE (numbers and booleans come as JSON numbers and booleans,
// https://developers.google.com/sheets/api/reference/rest/v4/ValueRenderOption), takes the first row
// as the column names and returns one object per following row; cells missing at the end of a row
// (the API leaves them out) are null, and optional `types` coerce columns. Every other method of the
// definition runs through the http connector's binding.
import { CallFailure } from '../../runtime/errors.ts'
import type { Connector, ConnectorContext } from '../contract.ts'
import { httpConnector } from '../http/index.ts'
import { jsonBody, requireSuccess } from '../http/response.ts'

type ColumnType = 'string' | 'number' | 'boolean'
type Cell = string | number | boolean | null

interface RowsInput {
  spreadsheetId: string
  range: string
  types?: Record<string, ColumnType>
}

function coerce(value: Cell, type: ColumnType | undefined, column: string, row: number): Cell {
  if (value === null || value === '' || type === undefined) return value === '' ? null : value
  if (type === 'string') return String(value)
  if (type === 'number') {
    const number = typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''))
    if (Number.isNaN(number)) {
      throw new CallFailure(
        'OUTPUT_MISMATCH',
        `Row ${row}, column ${column}: "${String(value)}" is not a number.`,
        {
          issues: [{ path: `output.rows[${row - 2}].${column}`, message: 'is not a number' }],
        },
      )
    }
    return number
  }
  if (typeof value === 'boolean') return value
  const text = String(value).trim().toLowerCase()
  if (text === 'true' || text === 'yes') return true
  if (text === 'false' || text === 'no') return false
  throw new CallFailure(
    'OUTPUT_MISMATCH',
    `Row ${row}, column ${column}: "${String(value)}" is not true or false.`,
    {
      issues: [{ path: `output.rows[${row - 2}].${column}`, message: 'is not a boolean' }],
    },
  )
}

/** The values grid as typed rows: the first row names the columns. */
export function rowsOf(values: Cell[][], types: Record<string, ColumnType> = {}) {
  const [header = [], ...rows] = values
  const columns = header.map((name, i) => (name === null || name === '' ? `column${i + 1}` : String(name)))
  return {
    columns,
    rows: rows.map((cells, r) =>
      Object.fromEntries(
        columns.map((column, i) => [column, coerce(cells[i] ?? null, types[column], column, r + 2)]),
      ),
    ),
  }
}

async function rows(input: RowsInput, ctx: ConnectorContext) {
  if (!ctx.baseUrl)
    throw new CallFailure('ENDPOINT_MISSING', 'Google Sheets has no base URL for this connection.')
  const base = ctx.baseUrl.replace(/\/$/, '')
  const url = new URL(
    `${base}/spreadsheets/${encodeURIComponent(input.spreadsheetId)}/values/${encodeURIComponent(input.range)}`,
  )
  url.searchParams.set('majorDimension', 'ROWS')
  url.searchParams.set('valueRenderOption', 'UNFORMATTED_VALUE')
  url.searchParams.set('dateTimeRenderOption', 'FORMATTED_STRING')
  const response = await ctx.http.send({
    method: 'GET',
    url,
    headers: new Headers({ accept: 'application/json' }),
  })
  requireSuccess(response)
  const body = (jsonBody(response) ?? {}) as { range?: string; values?: Cell[][] }
  return { range: body.range ?? input.range, ...rowsOf(body.values ?? [], input.types) }
}

export const googleSheetsConnector: Connector = {
  name: 'google-sheets',
  unsupported: ['connect', 'sync', 'revoke'],
  auth: async (ctx) =>
    httpConnector.auth
      ? httpConnector.auth(ctx)
      : { ok: true, message: 'Credentials are applied by the auth layer.' },
  invoke: (methodId, input, ctx) =>
    methodId === 'values.rows' ? rows(input as RowsInput, ctx) : httpConnector.invoke(methodId, input, ctx),
  fetch: ({ methodId, input }, ctx) => googleSheetsConnector.invoke(methodId, input, ctx),
  push: ({ methodId, input }, ctx) => httpConnector.invoke(methodId, input, ctx),
  healthCheck: (ctx) => httpConnector.healthCheck(ctx),
}
