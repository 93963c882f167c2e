// How a connection signs in: the auth type and its settings, in words.
import { Badge, Card, Code, Group, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { IntegrationDefinition } from '../../../src-main/contract/definition-format.ts'
import { AuthTypeBadge } from './badges.tsx'
import { secretSchemaOf } from '../../../src-main/contract/definition-defaults.ts'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={150} fw={500} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm" style={{ wordBreak: 'break-word' }}>
        {children}
      </Table.Td>
    </Table.Tr>
  )
}

const Mono = ({ children }: { children: ReactNode }) => (
  <Text span size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
    {children}
  </Text>
)

function OAuth2Rows({ config }: { config: NonNullable<IntegrationDefinition['oauth2Config']> }) {
  const grant = config.grantType ?? 'authorization_code'
  return (
    <>
      <Row label="Grant">{grant === 'authorization_code' ? 'Authorization code' : 'Client credentials'}</Row>
      {config.authorizationUrl && (
        <Row label="Authorization URL">
          <Mono>{config.authorizationUrl}</Mono>
        </Row>
      )}
      <Row label="Token URL">
        <Mono>{config.tokenUrl}</Mono>
      </Row>
      {config.revocationUrl && (
        <Row label="Revocation URL">
          <Mono>{config.revocationUrl}</Mono>
        </Row>
      )}
      {config.issuer && (
        <Row label="Issuer">
          <Mono>{config.issuer}</Mono>
        </Row>
      )}
      <Row label="Scopes">
        {config.scopes.length ? (
          <Group gap={4}>
            {config.scopes.map((scope) => (
              <Badge key={scope} variant="default" size="sm" tt="none">
                {scope}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text span size="sm" c="dimmed">
            None requested
          </Text>
        )}
      </Row>
      <Row label="PKCE">{config.pkce === false ? 'No' : 'Yes'}</Row>
      <Row label="Client auth">
        <Mono>{config.clientAuthMethod ?? 'client_secret_basic'}</Mono>
      </Row>
    </>
  )
}

function ApiKeyRows({ config }: { config: NonNullable<IntegrationDefinition['apiKeyConfig']> }) {
  return (
    <>
      <Row label="Key placement">
        {config.in === 'header' ? (
          <>
            header <Code>{`${config.name}: ${config.prefix ?? ''}…`}</Code>
          </>
        ) : (
          <>
            query param <Code>{config.name}</Code>
          </>
        )}
      </Row>
      <Row label="Key field">
        <Mono>{config.secretField ?? 'apiKey'}</Mono>
      </Row>
    </>
  )
}

function CustomRows({ auth }: { auth: NonNullable<IntegrationDefinition['customAuth']> }) {
  if (auth.scheme === 'basic') {
    return (
      <Row label="HTTP Basic">
        user name from <Code>{auth.usernameField}</Code>, password from <Code>{auth.passwordField}</Code>
      </Row>
    )
  }
  return (
    <Row label="Headers">
      {Object.entries(auth.headers).map(([name, template]) => (
        <div key={name}>
          <Code>{`${name}: ${template}`}</Code>
        </div>
      ))}
    </Row>
  )
}

function secretFields(schema: object): string[] {
  const properties = ((schema as { properties?: unknown }).properties ?? {}) as Record<
    string,
    { title?: unknown }
  >
  return Object.entries(properties).map(([name, field]) =>
    typeof field?.title === 'string' ? `${field.title} (${name})` : name,
  )
}

export function AuthSummary({ definition }: { definition: IntegrationDefinition }) {
  const secrets = secretFields(secretSchemaOf(definition))
  return (
    <Card withBorder padding="lg" component="section" aria-label="Sign-in">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Sign-in
        </Title>
        <AuthTypeBadge authType={definition.authType} />
      </Group>
      {definition.authType === 'none' ? (
        <Text size="sm" c="dimmed">
          No sign-in: requests are sent without credentials.
        </Text>
      ) : (
        <Table variant="vertical" withTableBorder={false} layout="fixed" verticalSpacing={6}>
          <Table.Tbody>
            {definition.oauth2Config && <OAuth2Rows config={definition.oauth2Config} />}
            {definition.apiKeyConfig && <ApiKeyRows config={definition.apiKeyConfig} />}
            {definition.customAuth && <CustomRows auth={definition.customAuth} />}
            {secrets.length > 0 && (
              <Row label="Secrets">
                <Group gap={4}>
                  {secrets.map((secret) => (
                    <Badge key={secret} variant="default" size="sm" tt="none">
                      {secret}
                    </Badge>
                  ))}
                </Group>
              </Row>
            )}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}
