// How the secrets are protected: the key protector in use, whether the OS keyring is real and holds
// the vault key, whether a passphrase is set, and the vault's state; set or change the passphrase.
import { Alert, Badge, Button, Card, Group, Table, Text, Title, type MantineColor } from '@mantine/core'
import { IconAlertTriangle, IconKey, IconLock } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import type { VaultStatus } from '../../../src-main/contract/types.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useVaultStatus } from '../connections/queries.ts'
import { keyringUsable, VaultDialog } from '../connections/VaultDialogs.tsx'
import { PassphraseModal } from './PassphraseModal.tsx'

const stateLooks: Record<VaultStatus['state'], { label: string; color: MantineColor }> = {
  unlocked: { label: 'Unlocked', color: 'teal' },
  locked: { label: 'Locked', color: 'orange' },
  uninitialized: { label: 'Not set up', color: 'gray' },
}

const protectorNames: Record<VaultStatus['protector']['kind'], string> = {
  safeStorage: 'OS keyring (Electron safeStorage)',
  passphrase: 'Passphrase',
  none: 'None',
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180} fw={500} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm">{children}</Table.Td>
    </Table.Tr>
  )
}

function keyringText(status: VaultStatus): ReactNode {
  if (status.protector.kind !== 'safeStorage') return 'Not used here: this host has no OS keyring to offer.'
  if (!status.protector.available) return 'Not available on this computer.'
  if (!status.protector.secure)
    return (
      <Text span size="sm" c="orange">
        Not secure here (no real keyring behind it), so it is not used.
      </Text>
    )
  return status.keyringInUse
    ? 'In use: it holds the vault key, so no passphrase is needed at start.'
    : 'Available, not holding the vault key.'
}

function Status({ status }: { status: VaultStatus }) {
  const [dialog, setDialog] = useState<'vault' | 'passphrase' | null>(null)
  const look = stateLooks[status.state]
  const weak = !keyringUsable(status) && !status.passphraseSet
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={4}>Secret protection</Title>
        <Badge color={look.color} variant="light">
          {look.label}
        </Badge>
      </Group>
      <Table
        variant="vertical"
        layout="fixed"
        withTableBorder={false}
        verticalSpacing={6}
        aria-label="Secret protection"
      >
        <Table.Tbody>
          <Row label="Key protector">
            <Text size="sm" fw={500}>
              {protectorNames[status.protector.kind]}
            </Text>
            <Text size="xs" c="dimmed">
              {status.protector.detail}
            </Text>
          </Row>
          <Row label="OS keyring">{keyringText(status)}</Row>
          <Row label="Passphrase">{status.passphraseSet ? 'Set' : 'Not set'}</Row>
          <Row label="Vault">
            {status.state === 'unlocked'
              ? 'Unlocked: secrets can be stored and used.'
              : status.state === 'locked'
                ? (status.lockReason ?? 'Locked: enter the passphrase to use secrets.')
                : 'Not set up yet: Switchboard offers to create it when you first add a connection.'}
          </Row>
        </Table.Tbody>
      </Table>
      {weak && status.state === 'unlocked' && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} mt="sm">
          Nothing outside this computer’s keyring can open your vault. Set a passphrase so a reset keyring
          does not lock you out.
        </Alert>
      )}
      <Group mt="md" gap="xs">
        {status.state === 'unlocked' && (
          <Button
            variant="light"
            leftSection={<IconKey size={16} aria-hidden />}
            onClick={() => setDialog('passphrase')}
          >
            {status.passphraseSet ? 'Change passphrase' : 'Set passphrase'}
          </Button>
        )}
        {status.state !== 'unlocked' && (
          <Button
            variant="light"
            leftSection={<IconLock size={16} aria-hidden />}
            onClick={() => setDialog('vault')}
          >
            {status.state === 'locked' ? 'Unlock vault' : 'Set up vault'}
          </Button>
        )}
      </Group>
      <PassphraseModal
        opened={dialog === 'passphrase'}
        change={status.passphraseSet}
        onClose={() => setDialog(null)}
      />
      <VaultDialog status={status} opened={dialog === 'vault'} onClose={() => setDialog(null)} />
    </>
  )
}

export function SecretProtectionCard() {
  const vault = useVaultStatus()
  return (
    <Card withBorder padding="lg" component="section" aria-label="Secret protection">
      {vault.data ? (
        <Status status={vault.data} />
      ) : vault.isError ? (
        <ErrorAlert title="Could not read the vault’s state" error={vault.error} />
      ) : (
        <Text size="sm" c="dimmed" role="status">
          Reading the vault’s state…
        </Text>
      )}
    </Card>
  )
}
