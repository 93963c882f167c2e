// The input editor's state: one value seen two ways, the generated form and the raw JSON text. Each
// edit keeps the other side in step; switching to the form is refused (with the reason) only while
// the text is not a JSON object, since the form cannot show anything else. Pure, and tested as such.
import type { RJSFSchema } from '@rjsf/utils'
import { initialEditor, isFormValue, parseJson, plainJson, toJsonText, type JsonParse } from './input-json.ts'

export type EditorMode = 'form' | 'json'

export interface InputState {
  mode: EditorMode
  /** The JSON editor's text, as typed (it may not parse). */
  text: string
  /** The last value that was a JSON object: what the form shows. */
  value: Record<string, unknown>
  /** Why the last switch to the form was refused, until the next edit. */
  switchError: string | null
}

export function initialInput(schema: RJSFSchema, value: Record<string, unknown> = {}): InputState {
  return { mode: initialEditor(schema), text: toJsonText(value), value, switchError: null }
}

/** The form changed: the text follows. */
export function editForm(state: InputState, values: Record<string, unknown>): InputState {
  const value = plainJson(values)
  return { ...state, value, text: toJsonText(value), switchError: null }
}

/** The text changed: the form follows whenever it is a JSON object. */
export function editJson(state: InputState, text: string): InputState {
  const parsed = parseJson(text)
  const value = parsed.ok && isFormValue(parsed.value) ? parsed.value : state.value
  return { ...state, text, value, switchError: null }
}

/** A sentence placing a parse error, e.g. "Line 3, column 5: Expected a comma." */
export const describeParseError = (failure: Extract<JsonParse, { ok: false }>) =>
  `Line ${failure.line}, column ${failure.column}: ${failure.message}.`

export function switchMode(state: InputState, mode: EditorMode): InputState {
  if (mode === state.mode) return state
  if (mode === 'json') return { ...state, mode, text: toJsonText(state.value), switchError: null }
  const parsed = parseJson(state.text)
  if (!parsed.ok)
    return {
      ...state,
      switchError: `Fix the JSON before switching to the form. ${describeParseError(parsed)}`,
    }
  if (!isFormValue(parsed.value))
    return {
      ...state,
      switchError: 'The form edits a JSON object; this input is not one, so it stays in JSON.',
    }
  return { ...state, mode, value: parsed.value, switchError: null }
}

/** What Run sends: the form's value, or the parsed text (which may be anything JSON, for debugging). */
export function inputToSend(
  state: InputState,
): { ok: true; input: unknown } | { ok: false; error: Extract<JsonParse, { ok: false }> } {
  if (state.mode === 'form') return { ok: true, input: state.value }
  const parsed = parseJson(state.text)
  return parsed.ok ? { ok: true, input: parsed.value } : { ok: false, error: parsed }
}
