// The integration definition format: the single source of truth. The published JSON Schema
// (definitions/schema/integration-definition.schema.json, written by `npm run schema`) and the
// TypeScript types are both derived from this file, so they cannot drift; a test compares them.
import { Type, type Static, type TSchema } from 'typebox'

const closed = { additionalProperties: false } as const

/** An embedded JSON Schema (draft 2020-12 or 07). Checked further by compiling it with ajv. */
const JsonSchema = (description: string) => Type.Object({}, { additionalProperties: true, description })

const Identifier = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{0,63}$',
  description: 'Lower-case letters, digits, dot, dash, underscore; at most 64 characters.',
})

const SemVer = Type.String({
  // The semver.org regular expression (numbers without leading zeros, optional pre-release/build).
  pattern:
    '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$',
  description: 'A semantic version, e.g. 1.4.0.',
})

const Url = Type.String({ format: 'uri', description: 'An absolute URL.' })

/** A URL whose parts may be templated from the connection's config, e.g. https://{{config.shop}}.myshopify.com */
const TemplatedUrl = Type.String({
  minLength: 1,
  pattern: '^https?://',
  description:
    'An absolute http(s) URL; {{config.<field>}} placeholders are filled from the connection config.',
})

const StringMap = (description: string) => Type.Record(Type.String(), Type.String(), { description })

export const Pagination = Type.Object(
  {
    style: Type.Union(
      [Type.Literal('cursor'), Type.Literal('link'), Type.Literal('offset'), Type.Literal('page')],
      {
        description:
          'cursor: a token from each response; link: the RFC 8288 Link header rel="next"; offset/page: numbered requests.',
      },
    ),
    items: Type.String({ description: 'JSONata expression selecting the array of items in one response.' }),
    cursorParam: Type.Optional(
      Type.String({ description: 'cursor: the query parameter that carries the cursor.' }),
    ),
    nextCursor: Type.Optional(
      Type.String({
        description: 'cursor: JSONata expression giving the next cursor; empty or absent ends the walk.',
      }),
    ),
    offsetParam: Type.Optional(
      Type.String({ description: 'offset: the query parameter of the first item.' }),
    ),
    pageParam: Type.Optional(Type.String({ description: 'page: the query parameter of the page number.' })),
    firstPage: Type.Optional(
      Type.Integer({ minimum: 0, default: 1, description: 'page: the first page number.' }),
    ),
    limitParam: Type.Optional(Type.String({ description: 'The query parameter of the page size.' })),
    pageSize: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'Items requested per page.' }),
    ),
    maxItems: Type.Optional(Type.Integer({ minimum: 1, description: 'Stop after this many items in all.' })),
  },
  closed,
)

export const HttpBinding = Type.Object(
  {
    method: Type.Union([
      Type.Literal('GET'),
      Type.Literal('POST'),
      Type.Literal('PUT'),
      Type.Literal('PATCH'),
      Type.Literal('DELETE'),
    ]),
    path: Type.String({
      pattern: '^/',
      description: 'Path below the base URL; {name} segments are taken from the input field of that name.',
    }),
    query: Type.Optional(
      Type.Array(Type.String(), { uniqueItems: true, description: 'Input fields sent as query parameters.' }),
    ),
    headers: Type.Optional(StringMap('Request header name → the input field that supplies its value.')),
    body: Type.Optional(
      Type.Array(Type.String(), {
        uniqueItems: true,
        description: 'Input fields sent as properties of the request body.',
      }),
    ),
    bodyField: Type.Optional(Type.String({ description: 'One input field sent as the whole request body.' })),
    bodyEncoding: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('form')], {
        default: 'json',
        description: 'How the body is encoded.',
      }),
    ),
    response: Type.Optional(
      Type.String({
        description: 'JSONata expression mapping the response body into the outputSchema shape.',
      }),
    ),
    pagination: Type.Optional(Pagination),
  },
  closed,
)

const MethodId = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
  description: 'Letters, digits, dot, dash, underscore; unique within the definition.',
})

export const MethodDefinition = Type.Object(
  {
    id: MethodId,
    name: Type.String({ minLength: 1 }),
    description: Type.String(),
    capability: Type.Optional(
      Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)+$', description: 'e.g. payments.refund' }),
    ),
    kind: Type.Optional(
      Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('delete')], {
        description: 'Drives retries (reads retry) and confirmation prompts (deletes ask).',
      }),
    ),
    idempotent: Type.Optional(Type.Boolean()),
    inputSchema: JsonSchema('JSON Schema of the method input.'),
    outputSchema: JsonSchema('JSON Schema of the method output (after the response mapping).'),
    // Optional: without a binding (or without the definition's api) the method needs an endpoint, a
    // baseUrl in the connection's config or a connector (see definition-defaults.ts).
    http: Type.Optional(HttpBinding),
    scopes: Type.Optional(Type.Array(Type.String(), { description: 'OAuth scopes this method needs.' })),
  },
  closed,
)

export const OAuth2Config = Type.Object(
  {
    authorizationUrl: Type.Optional(Url),
    tokenUrl: Url,
    revocationUrl: Type.Optional(Url),
    issuer: Type.Optional(
      Type.String({ description: 'OpenID issuer; when set, metadata may come from discovery.' }),
    ),
    grantType: Type.Optional(
      Type.Union([Type.Literal('authorization_code'), Type.Literal('client_credentials')], {
        default: 'authorization_code',
      }),
    ),
    scopes: Type.Array(Type.String(), { description: 'Scopes requested at sign-in.' }),
    scopeSeparator: Type.Optional(Type.String({ default: ' ' })),
    pkce: Type.Optional(Type.Boolean({ default: true })),
    additionalParameters: Type.Optional(StringMap('Extra parameters of the authorization request.')),
    tokenParameters: Type.Optional(StringMap('Extra parameters of the token request.')),
    clientAuthMethod: Type.Optional(
      Type.Union(
        [Type.Literal('client_secret_basic'), Type.Literal('client_secret_post'), Type.Literal('none')],
        {
          default: 'client_secret_basic',
        },
      ),
    ),
  },
  closed,
)

export const ApiKeyConfig = Type.Object(
  {
    in: Type.Union([Type.Literal('header'), Type.Literal('query')]),
    name: Type.String({ minLength: 1, description: 'Header or query parameter name.' }),
    prefix: Type.Optional(Type.String({ description: 'Written before the key, e.g. "Bearer ".' })),
    secretField: Type.Optional(
      Type.String({ default: 'apiKey', description: 'The secretSchema field holding the key.' }),
    ),
  },
  closed,
)

export const CustomAuth = Type.Union([
  Type.Object(
    {
      scheme: Type.Literal('basic'),
      usernameField: Type.String({ description: 'The secret (or config) field used as the user name.' }),
      passwordField: Type.String({ description: 'The secret field used as the password.' }),
    },
    closed,
  ),
  Type.Object(
    {
      scheme: Type.Literal('headers'),
      headers: StringMap('Header name → template such as "Token {{secret.apiToken}}".'),
    },
    closed,
  ),
])

export const ApiSettings = Type.Object(
  {
    baseUrl: Type.Object(
      { production: TemplatedUrl, sandbox: Type.Optional(TemplatedUrl) },
      { ...closed, description: 'Base URL per environment; sandbox falls back to production.' },
    ),
    headers: Type.Optional(StringMap('Headers sent with every request.')),
  },
  closed,
)

export const HealthCheck = Type.Object(
  {
    method: Type.String({ description: 'The method whose success proves the credentials work.' }),
    input: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    requiredScopes: Type.Optional(Type.Array(Type.String())),
  },
  closed,
)

export const transportKinds = ['official-api', 'aggregator-api', 'unofficial'] as const

/** One way a definition can reach the service; the connection's transport settings pick among them. */
export const Transport = Type.Object(
  {
    kind: Type.Union(
      [Type.Literal('official-api'), Type.Literal('aggregator-api'), Type.Literal('unofficial')],
      {
        description:
          "official-api: the provider's own API; aggregator-api: a third party's; unofficial: anything else.",
      },
    ),
    connector: Type.Optional(
      Type.String({
        minLength: 1,
        description: "The connector that serves it; defaults to the definition's.",
      }),
    ),
    baseUrl: Type.Optional(
      Type.Object(
        { production: TemplatedUrl, sandbox: Type.Optional(TemplatedUrl) },
        { ...closed, description: "Its base URLs; default the definition's api.baseUrl." },
      ),
    ),
  },
  closed,
)

/** A config field whose choices come from a method's output after sign-in (e.g. Xero's tenant). */
export const ConfigChoicesSource = Type.Object(
  {
    method: Type.String({ description: 'The method (no input needed) whose output lists the choices.' }),
    items: Type.String({ description: 'JSONata expression selecting the array of choices in the output.' }),
    value: Type.String({
      description: 'JSONata expression, on one item, giving the value stored in the field.',
    }),
    label: Type.Optional(Type.String({ description: 'JSONata expression, on one item, giving its label.' })),
  },
  closed,
)

export const Capability = Type.Object(
  {
    capabilityId: Type.String({ pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$' }),
    operation: Type.String(),
    description: Type.Optional(Type.String()),
  },
  closed,
)

/** Where an inbound event carries a value: a request header, or a dotted path into its JSON body. */
export const WebhookField = Type.Union([
  Type.Object({ header: Type.String({ minLength: 1 }) }, closed),
  Type.Object(
    { body: Type.String({ minLength: 1, description: 'Dotted path into the JSON body, e.g. event.type' }) },
    closed,
  ),
])

export const Webhooks = Type.Object(
  {
    supported: Type.Boolean(),
    events: Type.Optional(Type.Array(Type.String())),
    signatureHeader: Type.Optional(Type.String()),
    scheme: Type.Optional(
      Type.Union(
        [
          Type.Literal('stripe'),
          Type.Literal('slack'),
          Type.Literal('github'),
          Type.Literal('shopify'),
          Type.Literal('standard-webhooks'),
          Type.Literal('hmac-sha256'),
        ],
        {
          description:
            'How inbound requests are signed. hmac-sha256: an HMAC-SHA256 of the raw body in signatureHeader.',
        },
      ),
    ),
    secretField: Type.Optional(
      Type.String({ description: 'The secretSchema field that holds the webhook signing secret.' }),
    ),
    encoding: Type.Optional(
      Type.Union([Type.Literal('hex'), Type.Literal('base64')], {
        description: 'hmac-sha256 only: how the digest is written (default hex).',
      }),
    ),
    toleranceSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 86400,
        description: 'Replay window of timestamped schemes (default: the provider’s own).',
      }),
    ),
    eventId: Type.Optional(WebhookField),
    eventType: Type.Optional(WebhookField),
  },
  closed,
)

export const authTypes = ['oauth2', 'apikey', 'custom', 'none'] as const

export const IntegrationDefinition = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    integrationId: Identifier,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.String(),
    version: SemVer,
    // The reference structure has none of category, docsUrl, api, secretSchema, healthCheck: they are
    // optional here, with defaults derived where they are needed (definition-defaults.ts), never written
    // into the stored document.
    category: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 60,
        description: 'e.g. accounting, payments, crm; "other" when absent.',
      }),
    ),
    docsUrl: Type.Optional(Url),
    setupGuideUrl: Type.Optional(Url),
    icon: Type.Optional(Type.String({ description: 'A data: URI or an https URL of an image.' })),
    authType: Type.Union([
      Type.Literal('oauth2'),
      Type.Literal('apikey'),
      Type.Literal('custom'),
      Type.Literal('none'),
    ]),
    oauth2Config: Type.Optional(OAuth2Config),
    apiKeyConfig: Type.Optional(ApiKeyConfig),
    customAuth: Type.Optional(CustomAuth),
    api: Type.Optional(ApiSettings),
    configSchema: JsonSchema('JSON Schema of the connection configuration (rendered as a form).'),
    secretSchema: Type.Optional(
      JsonSchema(
        'JSON Schema of the secret fields (API keys, client secrets, signing secrets); when absent, derived from authType and its settings.',
      ),
    ),
    methods: Type.Array(MethodDefinition, { minItems: 1 }),
    healthCheck: Type.Optional(HealthCheck),
    connector: Type.Optional(
      Type.String({ minLength: 1, default: 'http', description: 'The connector that runs its methods.' }),
    ),
    mcpUrl: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: '^https?://',
        description:
          'A remote MCP server (Streamable HTTP) whose tools are these methods, run by the "mcp" connector; ' +
          'its access token is the secret field mcpAccessToken. A connection may give mcpUrl in its config instead.',
      }),
    ),
    transports: Type.Optional(
      Type.Array(Transport, {
        minItems: 1,
        description: 'The transports it offers, in its preferred order; default one official-api.',
      }),
    ),
    secretPrefixes: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            sandbox: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
            production: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
          },
          { additionalProperties: false },
        ),
        {
          description:
            'Per secret field, the prefixes its values start with in each environment (sk_test_ / sk_live_): a key of the wrong environment is flagged, and refused on production unless confirmed.',
        },
      ),
    ),
    configChoices: Type.Optional(
      Type.Record(Type.String(), ConfigChoicesSource, {
        description:
          "Config fields filled after sign-in, from a method's output; the connection needs setup until then.",
      }),
    ),
    providesCapabilities: Type.Optional(Type.Array(Capability)),
    requirements: Type.Optional(
      Type.Object(
        {
          capabilities: Type.Optional(Type.Array(Type.String())),
          minVersion: Type.Optional(
            Type.String({ description: 'Lowest Switchboard version that can run it.' }),
          ),
        },
        closed,
      ),
    ),
    webhooks: Type.Optional(Webhooks),
  },
  {
    ...closed,
    $id: 'https://switchboard.app/schemas/integration-definition.schema.json',
    title: 'Switchboard integration definition',
    description: 'Describes one external service: its methods, sign-in, configuration and version.',
  },
)

export type IntegrationDefinition = Static<typeof IntegrationDefinition>
export type MethodDefinition = Static<typeof MethodDefinition>
export type HttpBinding = Static<typeof HttpBinding>
export type Pagination = Static<typeof Pagination>
export type OAuth2Config = Static<typeof OAuth2Config>
export type ApiKeyConfig = Static<typeof ApiKeyConfig>
export type CustomAuth = Static<typeof CustomAuth>
export type AuthType = (typeof authTypes)[number]
export type Transport = Static<typeof Transport>
export type TransportName = (typeof transportKinds)[number]
export type ConfigChoicesSource = Static<typeof ConfigChoicesSource>
export type WebhookSettings = Static<typeof Webhooks>
export type WebhookField = Static<typeof WebhookField>
export type WebhookScheme = NonNullable<WebhookSettings['scheme']>

/** The published JSON Schema document: the TypeBox schema as plain JSON, with the draft named. */
export function definitionJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(JSON.parse(JSON.stringify(IntegrationDefinition as TSchema)) as Record<string, unknown>),
  }
}
