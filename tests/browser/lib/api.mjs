// The public GraphQL API, for the few set-up writes the steps take as given (units to import into, the staff
// who sign in, the one-minute protocol deadline) and for reading back what a step should have written. Exactly the
// calls an integrator makes: a development token from `developmentSignIn` (the embedded default has no identity
// provider), then POST /t/{tenant}/graphql with it.

export class Api {
  /** @param {string} baseUrl the silo, e.g. http://127.0.0.1:5080/ */
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.tokens = new Map();
  }

  /** POSTs one operation; returns `data`, throws with every error's code and message. */
  async request(path, token, query, variables = {}) {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json().catch(() => null);
    if (!body || body.errors?.length) {
      const errors = body?.errors?.map((e) => `${e.extensions?.code ?? '?'}: ${e.message}`).join('; ') ?? `HTTP ${response.status}`;
      throw new Error(`${query.split('{')[0].trim() || 'operation'} failed: ${errors}`);
    }
    return body.data;
  }

  /** A development token for (tenant, role, sub), cached. */
  async token(tenant, role, sub) {
    const key = `${tenant ?? ''}|${role}|${sub}`;
    if (!this.tokens.has(key)) {
      const data = await this.request('graphql', null,
        'mutation SetupSignIn($tenant: ID, $role: String!, $sub: String!) { developmentSignIn(tenant: $tenant, role: $role, sub: $sub) { token } }',
        { tenant: tenant ?? null, role, sub });
      this.tokens.set(key, data.developmentSignIn.token);
    }
    return this.tokens.get(key);
  }

  /** Runs `query` in `tenant` as (role, sub). */
  async as(tenant, role, sub, query, variables) {
    return this.request(`t/${encodeURIComponent(tenant)}/graphql`, await this.token(tenant, role, sub), query, variables);
  }

  /** Waits for a roster import to finish (importStatus with waitSeconds 5, bounded to a minute). */
  async importRoster(tenant, admin, organizationId, csv, kind) {
    const started = await this.as(tenant, 'TenantAdmin', admin,
      'mutation SetupImport($org: ID!, $csv: String!, $kind: RosterKind) { importRoster(organizationId: $org, csv: $csv, kind: $kind) { id } }',
      { org: organizationId, csv, kind });
    for (let i = 0; i < 12; i += 1) {
      const { importStatus } = await this.as(tenant, 'TenantAdmin', admin,
        'query SetupImportStatus($id: ID!) { importStatus(id: $id, waitSeconds: 5) { done landed invalid errors { row column reason } } }',
        { id: started.importRoster.id });
      if (importStatus.done) {
        if (importStatus.invalid > 0) {
          throw new Error(`set-up import into ${organizationId} refused rows: ${JSON.stringify(importStatus.errors)}`);
        }
        return importStatus;
      }
    }
    throw new Error(`set-up import into ${organizationId} did not finish within a minute`);
  }
}
