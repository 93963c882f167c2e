import type { IntegrationDefinition } from './definition-format.ts'
import type { ValidationIssue } from './errors.ts'

// Data shapes returned across the API boundary. Results are produced by our own core, so they are
// typed here rather than validated at run time; arguments come from the renderer and are validated.

export interface KeyProtectorStatus {
  /** Which mechanism protects the vault's master key. */
  kind: 'safeStorage' | 'passphrase' | 'none'
  /** Whether it can be used right now (an OS keyring answered, a passphrase is known). */
  available: boolean
  /** False where the "protection" is not real, e.g. Linux safeStorage on the basic_text backend. */
  secure: boolean
  /** One sentence for people: what it is and what to do if it is not usable. */
  detail: string
}

export interface MigrationStatus {
  tag: string
  /** When drizzle-kit generated it (drizzle records no apply time). */
  createdAt: string
  applied: boolean
  checksum: string
  /** False when the file on disk no longer matches the checksum recorded when it was applied. */
  intact: boolean
}

export interface AppInfo {
  appVersion: string
  dataDir: string
  databaseFile: string
  schemaVersion: number
  migrations: MigrationStatus[]
  runtime: { node: string; electron: string | null; platform: string; arch: string }
  keyProtector: KeyProtectorStatus
  /** Set when this start found the database damaged and replaced it (hosts say so to the user). */
  recovery: RecoveryView | null
}

/** Which host of the core acted: the desktop app, the CLI, the MCP server, the scheduler, the browser bridge. */
export type AuditHost = 'app' | 'cli' | 'mcp' | 'scheduler' | 'browser'

export interface AuditEvent {
  seq: number
  at: string
  /** The OS user the acting process ran as. */
  actor: string
  host: string
  action: string
  target: string | null
  /** The client and connection the event concerns (null when it concerns none). */
  clientId: string | null
  connectionId: string | null
  details: Record<string, unknown>
  hash: string
  /** Whether the hash is keyed by the vault (false only for events from before it was set up). */
  keyed: boolean
}

export interface AuditFilter {
  clientId?: string
  connectionId?: string
  /** An action ("connection.created") or its family ("connection"). */
  kind?: string
  /** ISO 8601 date-times, inclusive. */
  since?: string
  until?: string
}

export interface AuditPage {
  events: AuditEvent[]
  /** Pass as `before` to fetch the next (older) page; null when there is none. */
  nextBefore: number | null
  /** Every action in the trail, for the kind filter. */
  kinds: string[]
}

export interface AuditVerification {
  /** True only when every link and every keyed hash was checked and matched, and no tail is missing. */
  ok: boolean
  checked: number
  /** The first event that is altered, missing or out of place; null when none (or none could be named). */
  brokenAt: number | null
  /** What is wrong, in a sentence; null when ok. */
  reason: string | null
  /** Whether keyed hashes were checked (needs the vault unlocked). */
  keyChecked: boolean
  /** The head kept outside the database, when there is one. */
  headSeq: number | null
}

/** What `audit export` wrote. */
export interface AuditExport {
  fileName: string
  content: string
  events: number
}

export type DefinitionSource = 'bundled' | 'imported' | 'openapi'

/** A definition as the catalog lists it: enough to browse and search without the full document. */
export interface DefinitionSummary {
  integrationId: string
  name: string
  description: string
  version: string
  category: string
  authType: 'oauth2' | 'apikey' | 'custom' | 'none'
  icon: string | null
  docsUrl: string | null
  /** Some methods have no endpoint yet: a baseUrl in the connection's config, or a connector, is needed. */
  needsEndpoint: boolean
  methodCount: number
  methods: { id: string; name: string; capability: string | null }[]
  capabilities: string[]
  source: DefinitionSource
  updatedAt: string
}

export interface DefinitionSearchHit extends DefinitionSummary {
  /** Names of the methods that matched the query (empty when the definition itself matched). */
  matchedMethods: string[]
}

/** A file that could not be loaded or imported, with every reason. */
export interface RejectedFile {
  file: string
  issues: ValidationIssue[]
}

export interface DefinitionCatalog {
  definitions: DefinitionSearchHit[]
  categories: string[]
  total: number
  rejected: RejectedFile[]
}

export interface DefinitionVersionInfo {
  version: string
  storedAt: string
  source: DefinitionSource
  sourceName: string
  current: boolean
}

export interface ImportFileResult {
  file: string
  status: 'imported' | 'upgraded' | 'unchanged' | 'rejected'
  definitions: { integrationId: string; version: string; previousVersion: string | null }[]
  /** Why the file was refused (empty unless rejected). */
  issues: ValidationIssue[]
  /** What went where, for a converted document (a ContractSpec spec). */
  notes: ValidationIssue[]
  /** What was ignored, had no place, or was derived; never a reason to refuse. */
  warnings: ValidationIssue[]
}

export interface ImportReport {
  files: ImportFileResult[]
  /** Files whose definitions were stored (imported or upgraded). */
  stored: number
  rejected: number
}

export interface DefinitionDetail {
  summary: DefinitionSummary
  definition: IntegrationDefinition
  versions: DefinitionVersionInfo[]
}

export interface DefinitionExport {
  fileName: string
  mediaType: string
  content: string
}

export interface VaultStatus {
  /** uninitialized: no key yet; locked: a key exists but is not open; unlocked: secrets can be used. */
  state: 'uninitialized' | 'locked' | 'unlocked'
  protector: KeyProtectorStatus
  passphraseSet: boolean
  /** Whether the OS keyring holds the vault key (so no passphrase is needed at start). */
  keyringInUse: boolean
  lockReason: string | null
}

export type Environment = 'sandbox' | 'production'
/** The credentials' (auth) state: set, missing, refused by the provider (sign-in needed), undecryptable. */
export type ConnectionStatus = 'connected' | 'disconnected' | 'error' | 'locked'
export type HealthState = 'untested' | 'healthy' | 'failing'
/**
 * The one state to show people, derived from auth and health (status module): healthy only after a
 * check or call succeeded with the current credentials; saved-but-never-checked is "untested".
 */
export type ConnectionState =
  'healthy' | 'untested' | 'failing' | 'needs-setup' | 'sign-in-needed' | 'disconnected' | 'locked'

export interface ClientView {
  id: string
  name: string
  notes: string
  colour: string
  createdAt: string
  connectionCount: number
}

/** What the renderer may know of a secret: never the value, only a masked hint and its age. */
export interface SecretHint {
  field: string
  title: string
  hint: string
  version: number
  setAt: string
}

export interface ConnectionView {
  id: string
  clientId: string
  clientName: string
  integrationId: string
  integrationName: string
  definitionVersion: string
  /** The newest installed version of the definition, when it is newer than the pinned one. */
  upgradeAvailable: string | null
  environment: Environment
  config: Record<string, unknown>
  secretRef: string
  secrets: SecretHint[]
  /** Required secret fields (per secretSchema) that are not set. */
  missingSecrets: string[]
  status: ConnectionStatus
  /** Health apart from auth: healthy only after a check or call succeeded with the current credentials. */
  healthState: HealthState
  state: ConnectionState
  /** Config fields filled after sign-in (from a method's output) that are still empty. */
  setupNeeded: string[]
  lastHealthCheck: string | null
  lastHealthCheckStatus: 'success' | 'failure' | null
  lastErrorMessage: string | null
  createdAt: string
  updatedAt: string
  createdBy: string
  label: string
  notes: string
}

export interface ConfigChange {
  path: string
  change: 'added' | 'removed' | 'changed'
  detail: string
}

/** An endpoint of a definition whose origin differs between two versions. */
export interface EndpointChange {
  /** Where in the definition: oauth2Config.tokenUrl, api.baseUrl.production, transports[0].baseUrl.sandbox. */
  path: string
  /** The URLs as written (base URLs may hold {{config.…}} placeholders); null where there is none. */
  from: string | null
  to: string | null
  /** scheme://host[:port] of each; null where there is none. */
  fromOrigin: string | null
  toOrigin: string | null
}

export interface UpgradePlan {
  connectionId: string
  from: string
  to: string
  /** The config after the upgrade (defaults of new fields applied). */
  config: Record<string, unknown>
  changes: ConfigChange[]
  /**
   * Endpoints that move to another origin (where tokens, client secrets and API keys go). Applying
   * an upgrade with any needs `confirmEndpoints: true`.
   */
  endpointChanges: EndpointChange[]
  issues: ValidationIssue[]
  applied: boolean
}

export interface TransferFile {
  fileName: string
  content: string
  includesSecrets: boolean
}

/**
 * What the renderer gets from connections.export: without secrets, the file's content to download;
 * with secrets, only where the main process wrote it (savedTo; null when the save was cancelled).
 */
export interface ExportResult {
  fileName: string
  includesSecrets: boolean
  content: string | null
  savedTo: string | null
}

export interface TransferResult {
  clients: number
  connections: number
  secrets: number
}

/** The consultant's own OAuth app at a provider, as people may see it: never the client secret. */
export interface OAuthAppView {
  integrationId: string
  /** Null for the integration's default app; set when the app belongs to one connection. */
  connectionId: string | null
  clientId: string
  hasSecret: boolean
  /** A masked hint of the client secret ("…a1b2"), null when there is none. */
  secretHint: string | null
  /** The redirect URI registered at a provider that refuses loopback redirects (paste-the-URL sign-in). */
  redirectUri: string | null
  createdAt: string
  updatedAt: string
}

/** Where a connection's OAuth app comes from: its own, the integration's, or its secret fields. */
export type OAuthAppSource = 'connection' | 'integration' | 'secrets'

/** How a connection authenticates, and for OAuth its sign-in: never a token, only facts about it. */
export interface AuthStatus {
  connectionId: string
  authType: 'oauth2' | 'apikey' | 'custom' | 'none'
  grantType: 'authorization_code' | 'client_credentials' | null
  /** OAuth: tokens are stored. API key and custom: the secrets they need are set. */
  signedIn: boolean
  /** A sign-in is needed: never signed in, the provider refused the saved one (invalid_grant), or an expired token cannot be refreshed. */
  signInNeeded: boolean
  signInInProgress: boolean
  signedInAt: string | null
  /** When the access token expires; null when the provider did not say (or there is none). */
  expiresAt: string | null
  requestedScopes: string[]
  grantedScopes: string[]
  /** Requested scopes the provider did not grant. */
  missingScopes: string[]
  /** Who signed in (e-mail, user name or subject), when the provider said. */
  account: string | null
  hasRefreshToken: boolean
  app: { clientId: string; hasSecret: boolean; source: OAuthAppSource; redirectUri: string | null } | null
}

/** A sign-in that waits for the browser: open authorizationUrl, then wait for it (or paste the URL). */
export interface SignInStarted {
  attemptId: string
  connectionId: string
  authorizationUrl: string
  redirectUri: string
  /** loopback: the browser returns to Switchboard by itself; paste: paste the final URL from the browser. */
  mode: 'loopback' | 'paste'
  /** When the attempt times out. */
  expiresAt: string
}

export interface DisconnectResult {
  connectionId: string
  /** Whether the provider has a revocation endpoint (RFC 7009). */
  revocationSupported: boolean
  /** Whether every stored token was revoked at the provider. The local copies are deleted regardless. */
  revoked: boolean
  /** Why revocation failed, when it did. */
  error: string | null
}

// ---- the connector runtime (runtime.*, connections.test, connections.configChoices) ----------

/** How a call reached the provider: the definition's transports, or generated data (mock). */
export type TransportKind = 'official-api' | 'aggregator-api' | 'unofficial' | 'mock'

/** The runtime's typed error family; each is also an ErrorCode in contract/errors.ts. */
export type CallErrorCode =
  | 'INPUT_INVALID'
  | 'ENDPOINT_MISSING'
  | 'AUTH_REQUIRED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'PROVIDER'
  | 'OUTPUT_MISMATCH'
  | 'CANCELLED'

export interface CallError {
  code: CallErrorCode
  /** One or more sentences for people; never a secret. */
  message: string
  /** issues (INPUT_INVALID, OUTPUT_MISMATCH), status and body (PROVIDER), and what else helps. */
  details?: { issues?: ValidationIssue[]; status?: number; [key: string]: unknown }
}

/** The request exactly as sent, with every credential (and secret input field) masked. */
export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The body as sent (JSON or form-encoded text); null when there was none. */
  body: string | null
  contentType: string | null
}

export interface RecordedResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  /** Parsed JSON when the response was JSON, else the text; null when empty or unreadable. */
  body: unknown
  /** Bytes received (up to the cap). */
  size: number
  /** True when the body was over the cap (10 MB) and was cut off. */
  truncated: boolean
  /** Why the body is not (all) there, for people: truncation, not JSON… */
  notice: string | null
}

export interface OutputValidation {
  valid: boolean
  /** Every path where the output differs from the method's outputSchema. */
  issues: ValidationIssue[]
}

export type CallStatus = 'success' | 'output-mismatch' | 'failed' | 'cancelled'

/** Everything about one method call: the outcome, and what was sent and received. */
export interface CallResult {
  callId: string
  connectionId: string
  integrationId: string
  definitionVersion: string
  methodId: string
  status: CallStatus
  startedAt: string
  durationMs: number
  transport: TransportKind
  mock: boolean
  /** Requests made (retries and pages included). */
  attempts: number
  /** The method's output (after the response mapping); null when the call failed before one. */
  output: unknown
  /** Null when there was no output to validate. */
  outputValidation: OutputValidation | null
  /** The last request, credentials masked; null when nothing was sent (e.g. invalid input). */
  request: RecordedRequest | null
  /** The last response; null when none came (invalid input, network failure, timeout). */
  response: RecordedResponse | null
  error: CallError | null
}

/** One row of a connection's call history (input with secret fields redacted). */
export interface CallHistoryEntry {
  seq: number
  callId: string
  at: string
  connectionId: string
  methodId: string
  transport: TransportKind
  mock: boolean
  status: CallStatus
  errorCode: CallErrorCode | null
  httpStatus: number | null
  durationMs: number
  requestBytes: number
  responseBytes: number
  input: unknown
  /** The request as sent, credentials masked; null when nothing was sent. */
  request: RecordedRequest | null
  errorMessage: string | null
}

export interface CallHistoryPage {
  entries: CallHistoryEntry[]
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null
}

/** The outcome of `connections.test`: the health check's call and the connection afterwards. */
export interface ConnectionTestResult {
  connectionId: string
  ok: boolean
  /** The method run as the health check (null when the definition names none and none can be chosen). */
  methodId: string | null
  message: string
  call: CallResult | null
  connection: ConnectionView
}

export interface ConfigChoice {
  value: string
  label: string
}

/** Choices of a config field filled after sign-in, from the output of the method the field names. */
export interface ConfigChoices {
  connectionId: string
  field: string
  methodId: string
  choices: ConfigChoice[]
}

/** A connector the registry loaded, or a manifest entry that failed (with its reason). */
export interface ConnectorInfo {
  name: string
  source: 'builtin' | 'manifest'
  module: string | null
  operations: { name: string; supported: boolean }[]
}

export interface ConnectorFailure {
  name: string
  module: string | null
  reason: string
}

export interface ConnectorsReport {
  manifest: string | null
  connectors: ConnectorInfo[]
  failures: ConnectorFailure[]
}

/** One backup of the data folder's database (its sealed secrets included, never in clear). */
export interface BackupView {
  /** The file's name inside the backups folder. */
  name: string
  at: string
  reason: 'daily' | 'pre-migration' | 'manual' | 'before-restore' | string
  bytes: number
}

/** What start-up did with a damaged database: moved aside, and the newest sound backup restored. */
export interface RecoveryView {
  damagedFile: string
  problems: string[]
  /** The backup restored, or null when there was none (the data folder then started empty). */
  restoredFrom: string | null
  at: string
}

export interface BackupsView {
  folder: string
  backups: BackupView[]
  keep: number
  /** Set when this start found the database damaged. */
  recovery: RecoveryView | null
}

/** What `switchboard mcp` exposes: a client's connections, narrowed (mcp.preview's arguments). */
export interface McpSelection {
  clientId: string
  /** Only these connections (each must be the client's); all of the client's when absent. */
  connectionIds?: string[]
  environment?: Environment
  /** Globs (`*`, `?`) matched against method ids and tool names; a tool matching any is kept. */
  methods?: string[]
  /** Reads only. */
  readOnly?: boolean
  /** Let writes and deletes run on production connections (refused otherwise). */
  allowProductionWrites?: boolean
  /** Answer from the mock connector: nothing reaches the provider. */
  mock?: boolean
}

export type McpToolKind = 'read' | 'write' | 'delete'

export interface McpToolAnnotations {
  title: string
  readOnlyHint: boolean
  destructiveHint: boolean
  idempotentHint: boolean
  openWorldHint: boolean
}

/** One MCP tool: a method of one connection (see core/mcp/tool-names.ts for how it is named). */
export interface McpToolView {
  name: string
  title: string
  description: string
  connectionId: string
  integrationId: string
  integrationName: string
  environment: Environment
  methodId: string
  kind: McpToolKind
  annotations: McpToolAnnotations
  /** Why a call is refused (a production write without --allow-production-writes); null when it runs. */
  refusal: string | null
  inputSchema: Record<string, unknown>
  /** The method's outputSchema when it describes an object (MCP's structuredContent is one); else null. */
  outputSchema: Record<string, unknown> | null
}

export interface McpConnectionChoice {
  id: string
  integrationName: string
  environment: Environment
  label: string
  state: ConnectionState
  /** Why its methods are not tools (signed out, filtered); null when they are. */
  excluded: string | null
}

export interface McpPreview {
  clientId: string
  clientName: string
  connections: McpConnectionChoice[]
  tools: McpToolView[]
  /** Set above 40 tools: assistants slow down or refuse; --methods narrows the list. */
  warning: string | null
  /** The `switchboard` arguments that serve exactly this selection (no secret among them). */
  args: string[]
}
