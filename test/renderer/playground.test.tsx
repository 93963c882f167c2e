// The Playground's input editor and snippets: the form and the raw JSON stay one value as people switch
// between them (invalid JSON says where, and keeps them in JSON), the input is checked by the CSP-safe
// validator without blocking Run, deep schemas open in JSON; and the recorded request becomes curl,
// fetch and Python code with the masks the core put in, never anything else.
import { MantineProvider } from '@mantine/core'
import type { RJSFSchema } from '@rjsf/utils'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { InputEditor } from '../../src-renderer/pages/playground/InputEditor.tsx'
import { initialEditor, parseJson, schemaDepth } from '../../src-renderer/pages/playground/input-json.ts'
import { inputIssues } from '../../src-renderer/pages/playground/input-issues.ts'
import {
  editForm,
  editJson,
  initialInput,
  inputToSend,
  switchMode,
  type InputState,
} from '../../src-renderer/pages/playground/input-state.ts'
import { snippet, toHar, type SentRequest } from '../../src-renderer/pages/playground/snippets.ts'
import { theme } from '../../src-renderer/theme.ts'

const schema: RJSFSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', minLength: 2 },
    amount: { type: 'integer', title: 'Amount', minimum: 1 },
    paid: { type: 'boolean', title: 'Paid' },
  },
  required: ['name'],
}

const deepSchema: RJSFSchema = {
  type: 'object',
  properties: {
    invoice: {
      type: 'object',
      properties: {
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: { tax: { type: 'object', properties: { rate: { type: 'number' } } } },
          },
        },
      },
    },
  },
}

describe('input as JSON text', () => {
  it('places a JSON error by line and column, and parses what JSON.parse parses', () => {
    const broken = parseJson('{\n  "name": "a",\n  "amount" 3\n}')
    expect(broken).toMatchObject({
      ok: false,
      line: 3,
      column: 12,
      message: 'Expected a colon after the property name',
    })
    const unterminated = parseJson('{"name": "a')
    expect(unterminated).toMatchObject({ ok: false, line: 1 })
    expect(parseJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } })
    // Trailing commas and comments are not JSON, even though jsonc-parser could read them.
    expect(parseJson('{"a":1,}').ok).toBe(false)
    expect(parseJson('{"a":1 // no\n}').ok).toBe(false)
  })

  it('opens deep or non-object schemas in JSON, flat ones in the form', () => {
    expect(schemaDepth(schema)).toBe(1)
    expect(schemaDepth(deepSchema)).toBe(5)
    expect(initialEditor(schema)).toBe('form')
    expect(initialEditor(deepSchema)).toBe('json')
    expect(initialEditor({ type: 'array', items: { type: 'string' } })).toBe('json')
    const recursive: RJSFSchema = {
      type: 'object',
      properties: { node: { $ref: '#/$defs/node' } },
      $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
    }
    expect(schemaDepth(recursive)).toBe(Infinity)
    expect(initialEditor(recursive)).toBe('json')
  })
})

describe('form ⇄ JSON state', () => {
  it('keeps one value through edits on either side', () => {
    let state = initialInput(schema)
    expect(state).toMatchObject({ mode: 'form', text: '{}', value: {} })
    state = editForm(state, { name: 'Ada', amount: 3, paid: undefined })
    expect(state.text).toBe('{\n  "name": "Ada",\n  "amount": 3\n}')
    state = switchMode(state, 'json')
    state = editJson(state, '{"name": "Grace", "amount": 5}')
    expect(state.value).toEqual({ name: 'Grace', amount: 5 })
    state = switchMode(state, 'form')
    expect(state).toMatchObject({ mode: 'form', value: { name: 'Grace', amount: 5 }, switchError: null })
  })

  it('refuses to switch to the form while the text is not a JSON object, saying why', () => {
    let state = switchMode(initialInput(schema, { name: 'Ada' }), 'json')
    state = editJson(state, '{"name": "Ada",}')
    // The form keeps the last good value; the text stays as typed.
    expect(state.value).toEqual({ name: 'Ada' })
    const refused = switchMode(state, 'form')
    expect(refused.mode).toBe('json')
    expect(refused.switchError).toMatch(/^Fix the JSON before switching to the form\. Line 1, column 16: /)
    expect(inputToSend(refused).ok).toBe(false)
    const array = switchMode(editJson(state, '[1, 2]'), 'form')
    expect(array.mode).toBe('json')
    expect(array.switchError).toMatch(/not one/)
    // For debugging, any JSON may be sent: the core judges it.
    expect(inputToSend(editJson(state, '[1, 2]'))).toEqual({ ok: true, input: [1, 2] })
  })

  it('lists the input’s problems by path with the CSP-safe validator', () => {
    expect(inputIssues(schema, { name: 'A', amount: 0 })).toEqual([
      { path: 'name', message: 'Name must be at least 2 characters long.' },
      { path: 'amount', message: 'Amount must be at least 1.' },
    ])
    expect(inputIssues(schema, {})).toEqual([{ path: 'name', message: 'Name is required.' }])
    expect(inputIssues(schema, { name: 'Ada' })).toEqual([])
  })
})

function Harness({ initial, onState }: { initial: InputState; onState?: (state: InputState) => void }) {
  const [state, setState] = useState(initial)
  return (
    <MantineProvider theme={theme}>
      <InputEditor
        schema={schema}
        state={state}
        formKey="test"
        onChange={(next) => {
          setState(next)
          onState?.(next)
        }}
      />
    </MantineProvider>
  )
}

const radio = (name: string) => screen.getByRole('radio', { name })

describe('the input editor', () => {
  it('carries a value typed in the form into the JSON editor and back', async () => {
    let latest: InputState | null = null
    render(<Harness initial={initialInput(schema)} onState={(s) => (latest = s)} />)
    // RJSF loads on first use.
    const name = await screen.findByLabelText(/^Name/, {}, { timeout: 15_000 })
    fireEvent.change(name, { target: { value: 'Ada' } })
    fireEvent.change(screen.getByLabelText(/^Amount/), { target: { value: '4' } })
    await waitFor(() => expect(latest?.value).toEqual({ name: 'Ada', amount: 4 }))

    fireEvent.click(radio('JSON'))
    const json = await screen.findByRole('textbox', { name: 'Input as JSON' })
    expect(JSON.parse((json as HTMLTextAreaElement).value)).toEqual({ name: 'Ada', amount: 4 })

    fireEvent.change(json, { target: { value: '{"name": "Grace", "amount": 7}' } })
    fireEvent.click(radio('Form'))
    await waitFor(() => expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Grace'))
    expect((screen.getByLabelText(/^Amount/) as HTMLInputElement).value).toBe('7')
  })

  it('shows where the JSON is broken and stays in JSON until it is fixed', async () => {
    render(<Harness initial={{ ...initialInput(schema), mode: 'json' }} />)
    const json = await screen.findByRole('textbox', { name: 'Input as JSON' })
    fireEvent.change(json, { target: { value: '{\n  "name": "Ada"\n  "amount": 2\n}' } })
    expect(await screen.findByText(/Line 3, column 3: Expected a comma\./)).toBeTruthy()
    fireEvent.click(radio('Form'))
    expect((await screen.findByRole('alert')).textContent).toMatch(/Fix the JSON before switching/)
    expect(screen.getByRole('textbox', { name: 'Input as JSON' })).toBeTruthy()
    // "Show me" selects the offending character.
    fireEvent.click(screen.getByRole('button', { name: 'Show me' }))
    const area = screen.getByRole('textbox', { name: 'Input as JSON' }) as HTMLTextAreaElement
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('"')
  })

  it('lists schema problems but does not stop the input from being sent', async () => {
    render(<Harness initial={{ ...initialInput(schema), mode: 'json' }} />)
    const json = await screen.findByRole('textbox', { name: 'Input as JSON' })
    fireEvent.change(json, { target: { value: '{"name": "A", "amount": 0}' } })
    const problems = await screen.findByRole('alert', { name: '2 problems in the input' })
    expect(problems.textContent).toContain('name — Name must be at least 2 characters long.')
    expect(problems.textContent).toContain('amount — Amount must be at least 1.')
    expect(problems.textContent).toMatch(/You can still run it/)
  })
})

const posted: SentRequest = {
  method: 'POST',
  url: 'http://127.0.0.1:4010/v1/invoices?draft=true&note=a%20b',
  headers: [
    { name: 'Authorization', value: 'Bearer sk_test_…4242' },
    { name: 'Content-Type', value: 'application/json' },
  ],
  body: '{"customer":"cus_42","lines":[{"amount":5}]}',
}

describe('snippets of the recorded request', () => {
  it('writes curl with the URL, every header as recorded and the body', () => {
    expect(snippet(posted, 'curl')).toBe(
      [
        'curl --request POST \\',
        "  --url 'http://127.0.0.1:4010/v1/invoices?draft=true&note=a%20b' \\",
        "  --header 'Authorization: Bearer sk_test_…4242' \\",
        "  --header 'Content-Type: application/json' \\",
        // httpsnippet pretty-prints a JSON body: the same JSON, readable.
        "  --data '",
        '{',
        '  "customer": "cus_42",',
        '  "lines": [',
        '    {',
        '      "amount": 5',
        '    }',
        '  ]',
        '}',
        "'",
      ].join('\n'),
    )
  })

  it('writes fetch and Python requests for the same request', () => {
    const fetchCode = snippet(posted, 'fetch')
    expect(fetchCode).toContain("fetch('http://127.0.0.1:4010/v1/invoices?draft=true&note=a%20b', options)")
    expect(fetchCode).toContain("Authorization: 'Bearer sk_test_…4242'")
    expect(fetchCode).toContain("method: 'POST'")
    const python = snippet(posted, 'python')
    expect(python).toContain('import requests')
    expect(python).toContain('response = requests.post(url, json=payload, headers=headers)')
    expect(python).toContain('"Authorization": "Bearer sk_test_…4242"')
  })

  it('sends a form-encoded body as form fields and a GET with no body', () => {
    const form = snippet(
      {
        method: 'POST',
        url: 'https://api.example.com/token',
        headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
        body: 'grant_type=client_credentials&scope=a+b',
      },
      'curl',
    )
    expect(form).toContain('--data-urlencode grant_type=client_credentials')
    expect(form).toContain("--data-urlencode 'scope=a b'")
    const get: SentRequest = { method: 'GET', url: 'https://api.example.com/things', headers: [], body: null }
    expect(toHar(get).postData).toBeUndefined()
    expect(snippet(get, 'curl')).toBe('curl --request GET \\\n  --url https://api.example.com/things')
  })
})
