// A new passphrase, typed twice. The core requires at least 10 characters (vault/passphrase.ts); the
// check here only saves a round trip and names the field.
import { PasswordInput, Stack } from '@mantine/core'

export const minPassphraseLength = 10

export interface PassphrasePair {
  passphrase: string
  confirm: string
}

export type PassphraseErrors = Partial<Record<keyof PassphrasePair, string>>

export const emptyPair: PassphrasePair = { passphrase: '', confirm: '' }

export function checkPassphrasePair({ passphrase, confirm }: PassphrasePair): PassphraseErrors {
  const errors: PassphraseErrors = {}
  if (passphrase.length < minPassphraseLength)
    errors.passphrase = `Use at least ${minPassphraseLength} characters (${passphrase.length} so far).`
  if (confirm !== passphrase) errors.confirm = 'The two passphrases are not the same.'
  return errors
}

export function PassphraseFields({
  value,
  onChange,
  errors,
  label = 'Passphrase',
  autoFocus = false,
}: {
  value: PassphrasePair
  onChange: (value: PassphrasePair) => void
  errors: PassphraseErrors
  label?: string
  autoFocus?: boolean
}) {
  return (
    <Stack gap="sm">
      <PasswordInput
        label={label}
        description={`At least ${minPassphraseLength} characters. A few unrelated words are easy to remember and hard to guess.`}
        value={value.passphrase}
        onChange={(event) => onChange({ ...value, passphrase: event.currentTarget.value })}
        error={errors.passphrase}
        autoComplete="new-password"
        required
        data-autofocus={autoFocus || undefined}
      />
      <PasswordInput
        label={`Confirm ${label.toLowerCase()}`}
        value={value.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.currentTarget.value })}
        error={errors.confirm}
        autoComplete="new-password"
        required
      />
    </Stack>
  )
}
