import { gql } from '../api/client';
import { graphql } from '../gql';
import type { SignInOptionsQuery } from '../gql/graphql';
import { sessionFromToken, type Role, type Session } from './session';

/** How this service signs people in: development tokens, or an OpenID Connect authority (docs/console.md). */
export type SignInOptions = SignInOptionsQuery['signInOptions'];

const OptionsQuery = graphql(`
  query SignInOptions { signInOptions { mode authority clientId scopes tenants { id name } developmentSignInAvailable } }
`);
const DevelopmentMutation = graphql(`
  mutation DevelopmentSignIn($tenant: ID, $role: String!, $sub: String!) {
    developmentSignIn(tenant: $tenant, role: $role, sub: $sub) { token expiresAt }
  }
`);
const MeQuery = graphql(`
  query SignedInUser { me { subject tenantId roles } }
`);

/** Asks the service which sign-in applies (anonymous query). */
export async function signInOptions(): Promise<SignInOptions> {
  const data = await gql(OptionsQuery, {}, { platform: true, token: null });
  return data.signInOptions;
}

/** Builds the session from a token: who, which tenant and role, as the service reads the token (`me`). */
export async function sessionFor(token: string): Promise<Session> {
  const data = await gql(MeQuery, {}, { platform: true, token });
  const me = data.me;
  const fromToken = sessionFromToken(token);
  if (!me || me.roles.length === 0) throw new Error('no roles');
  return { token, sub: me.subject, tenant: me.tenantId ?? undefined, role: me.roles[0] as Role, expiresAt: fromToken?.expiresAt };
}

/** Development sign-in: the service issues a token for the chosen tenant, role and user name. */
export async function developmentSignIn(tenant: string | undefined, role: Role, sub: string): Promise<Session> {
  const data = await gql(DevelopmentMutation, { tenant: tenant || null, role, sub }, { platform: true, token: null });
  return sessionFor(data.developmentSignIn.token);
}

const callbackPath = '/signin-callback';

async function manager(options: SignInOptions) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: options.authority!,
    client_id: options.clientId ?? 'caregrid-console',
    redirect_uri: `${location.origin}${callbackPath}`,
    response_type: 'code',
    scope: options.scopes.length > 0 ? options.scopes.join(' ') : 'openid profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** OpenID Connect: code flow with PKCE (oidc-client-ts), redirecting to the authority. */
export async function oidcSignIn(options: SignInOptions): Promise<void> {
  await (await manager(options)).signinRedirect();
}

/** True on the redirect back from the authority. */
export function isOidcCallback(): boolean {
  return location.pathname === callbackPath;
}

/** Completes the code flow on the callback page and returns the session of the access token. */
export async function completeOidcSignIn(options: SignInOptions): Promise<Session> {
  const user = await (await manager(options)).signinRedirectCallback();
  history.replaceState(null, '', '/');
  return sessionFor(user.access_token);
}
