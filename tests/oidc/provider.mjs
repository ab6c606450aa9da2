// A real OpenID Connect provider (oidc-provider 9.x) for CareGrid's sign-in test (docs/oidc.md "Testing against a real
// provider"). It listens on 127.0.0.1 only, on a free port the operating system picks, and prints one JSON line
// {"ready":true,"issuer":"http://127.0.0.1:<port>"} on stdout once it serves. It stops when its standard input closes
// (the test that started it ended, however it ended) or on SIGTERM/SIGINT, so no provider outlives its test.
//
//   node provider.mjs --config <file.json>
//
// The configuration file (written by the test) holds:
//   clients   – client metadata (e.g. a public client with token_endpoint_auth_method "none"; PKCE is required of all)
//   accounts  – { "<login>": { "password": "...", "claims": { "sub": "...", ...any claims for the access token } } }
//   resource  – { "indicator": "urn:...", "audience": "caregrid", "scope": "..." }: the API the access tokens are for;
//               access tokens are JWTs (RS256) with that audience and every account claim but "sub" at the top level
//   jwks      – optional { "keys": [ private JWKs ] } to sign with (else a fresh RSA key of this run)
//
// Interaction: the login prompt is a plain HTML form (login, password) posted to /interaction/<uid>/login; the password
// is checked against the account. Consent is given at once for the configured clients (first-party clients, as an
// enterprise provider does for its own applications). There are no development interactions (any-password) here.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import Provider from 'oidc-provider';

const args = process.argv.slice(2);
const configPath = args[args.indexOf('--config') + 1];
if (!args.includes('--config') || !configPath) {
  console.error('usage: node provider.mjs --config <file.json>');
  process.exit(2);
}

const config = JSON.parse(readFileSync(configPath, 'utf8'));
const accounts = config.accounts ?? {};
const bySubject = new Map(Object.values(accounts).map((a) => [a.claims.sub, a]));
const resource = config.resource;

const digest = (text) => createHash('sha256').update(String(text), 'utf8').digest();
const passwordMatches = (account, password) => account !== undefined && timingSafeEqual(digest(account.password), digest(password));
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, message) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>
<h1>Sign in</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Login <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function interaction(provider, req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'interaction mismatch');
  const { prompt, params, session } = details;
  if (prompt.name === 'login') {
    if (req.method === 'GET' && !action) return send(res, 200, loginPage(uid));
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const account = accounts[form.get('login') ?? ''];
      if (!passwordMatches(account, form.get('password') ?? '')) return send(res, 200, loginPage(uid, 'Wrong login or password.'));
      return provider.interactionFinished(req, res, { login: { accountId: account.claims.sub } }, { mergeWithLastSubmission: false });
    }
  }

  if (prompt.name === 'consent' && req.method === 'GET' && !action) {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return send(res, 400, `unexpected ${escapeHtml(req.method)} for prompt ${escapeHtml(prompt.name)}`);
}

function options() {
  return {
    clients: config.clients,
    jwks: config.jwks,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', ...(resource.scope ? resource.scope.split(' ') : [])],
    claims: { openid: ['sub'], profile: ['name'] },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource.indicator,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, indicator) => {
          if (indicator !== resource.indicator) throw new Error(`unknown resource ${indicator}`);
          return { scope: resource.scope ?? '', audience: resource.audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    async findAccount(ctx, sub) {
      const account = bySubject.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, name: account.claims.name }) };
    },
    async extraTokenClaims(ctx, token) {
      const account = bySubject.get(token.accountId);
      if (!account) return undefined;
      const { sub, name, ...claims } = account.claims;
      return claims;
    },
  };
}

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, options());
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec(new URL(req.url, issuer).pathname);
    if (!match) return callback(req, res);
    interaction(provider, req, res, match[1], match[2]).catch((error) => {
      if (!res.headersSent) send(res, 400, escapeHtml(error.message));
      else res.end();
    });
  });
  console.log(JSON.stringify({ ready: true, issuer }));
});

const stop = () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 2000).unref();
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
