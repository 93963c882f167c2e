// The contract's auth.* calls. Sign-in opens the system browser through the host (never an embedded
// window) and is waited for with a separate call, so the renderer can show progress and a Cancel.
import type { Handlers } from '../../contract/api.ts'
import type { Auth } from './index.ts'

type AuthCalls = Pick<Handlers, Extract<keyof Handlers, `auth.${string}`>>

export function authHandlers(auth: Auth): AuthCalls {
  return {
    'auth.setApp': ({ integrationId, connectionId, clientId, clientSecret, redirectUri }) =>
      auth.apps.set({
        integrationId,
        clientId,
        ...(connectionId ? { connectionId } : {}),
        ...(clientSecret !== undefined ? { clientSecret } : {}),
        ...(redirectUri !== undefined ? { redirectUri } : {}),
      }),
    'auth.getApp': ({ integrationId, connectionId }) => auth.apps.get(integrationId, connectionId ?? null),
    'auth.removeApp': ({ integrationId, connectionId }) => ({
      removed: auth.apps.remove(integrationId, connectionId ?? null),
    }),
    'auth.status': ({ connectionId }) => auth.status(connectionId),
    'auth.startSignIn': async ({ connectionId }) => {
      const { done, ...started } = await auth.signIn.start(connectionId)
      // The outcome is collected by auth.waitSignIn; this keeps an unobserved failure from going unhandled.
      done.catch(() => {})
      return started
    },
    'auth.waitSignIn': ({ attemptId }) => auth.signIn.wait(attemptId),
    'auth.completeSignIn': ({ attemptId, url }) => auth.signIn.completeFromPastedUrl(attemptId, url),
    'auth.cancelSignIn': ({ attemptId }) => ({ cancelled: auth.signIn.cancel(attemptId) }),
    'auth.signInWithClientCredentials': ({ connectionId }) => auth.signInWithClientCredentials(connectionId),
    'auth.disconnect': ({ connectionId }) => auth.disconnect(connectionId),
  }
}
