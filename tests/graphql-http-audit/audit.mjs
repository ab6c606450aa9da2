// Runs the graphql-http server audit (GraphQL over HTTP specification) against a GraphQL endpoint.
//
//   node audit.mjs http://127.0.0.1:5000/graphql
//
// Prints one line per audit: PASS (ok), FAIL (a MUST failed: 'error'), WARN (a SHOULD failed: 'warn') or
// NOTE (a MAY failed: 'notice', reported but not counted). Exits 1 when any MUST or SHOULD failed, 2 on a
// fatal problem (bad arguments, server unreachable).
import { auditServer } from 'graphql-http';

const LABELS = { ok: 'PASS', error: 'FAIL', warn: 'WARN', notice: 'NOTE' };

async function describeFailure(result) {
  const res = result.response;
  let detail = `${result.reason}`;
  if (res) {
    detail += ` [status ${res.status}, content-type ${res.headers.get('content-type') ?? '(none)'}]`;
    try {
      const body = await res.clone().text();
      if (body) detail += ` body: ${body.length > 300 ? `${body.slice(0, 300)}…` : body}`;
    } catch {
      // The audit already read the body.
    }
  }
  return detail;
}

async function main() {
  const url = process.argv[2];
  if (!url || !/^https?:\/\//.test(url)) {
    console.error('usage: node audit.mjs <http(s) url of the GraphQL endpoint>');
    return 2;
  }

  let results;
  try {
    results = await auditServer({ url });
  } catch (err) {
    console.error(`FATAL the audit could not run against ${url}: ${err?.stack ?? err}`);
    return 2;
  }

  const counts = { ok: 0, error: 0, warn: 0, notice: 0 };
  for (const result of results) {
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    const label = LABELS[result.status] ?? result.status.toUpperCase();
    let line = `${label} ${result.id} ${result.name}`;
    if (result.status !== 'ok') line += ` -- ${await describeFailure(result)}`;
    console.log(line);
  }

  console.log(
    `graphql-http audit: ${counts.ok} pass, ${counts.warn} warn (SHOULD), ${counts.error} fail (MUST), ` +
      `${counts.notice} note (MAY, not counted) of ${results.length} audits`,
  );
  return counts.error > 0 || counts.warn > 0 ? 1 : 0;
}

process.exitCode = await main();
