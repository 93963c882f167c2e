// Confirmation for destructive actions: says what will be lost, and for the worst ones asks to type
// the name of what goes.
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { IconTrash } from '@tabler/icons-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'

export function ConfirmDelete({
  opened,
  title,
  confirmLabel,
  typeToConfirm,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  opened: boolean
  title: string
  confirmLabel: string
  /** When set, the button stays disabled until exactly this is typed. */
  typeToConfirm?: string
  pending: boolean
  error: Error | null
  onConfirm: () => void
  onClose: () => void
  children: ReactNode
}) {
  const [typed, setTyped] = useState('')
  const ready = typeToConfirm === undefined || typed.trim() === typeToConfirm
  const close = () => {
    setTyped('')
    onClose()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (ready && !pending) onConfirm()
  }
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {children}
          {typeToConfirm !== undefined && (
            <TextInput
              label={`Type “${typeToConfirm}” to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
            />
          )}
          {error && <ErrorAlert title="Nothing was deleted" error={error} />}
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={close}
              data-autofocus={typeToConfirm === undefined || undefined}
            >
              Cancel
            </Button>
            <Button
              type="submit"
              color="red"
              disabled={!ready}
              loading={pending}
              leftSection={<IconTrash size={16} aria-hidden />}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
