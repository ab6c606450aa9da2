import { useState } from 'react';
import { ApiError, gql } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { graphql } from '../../gql';
import type { AuditVerifyChainQuery } from '../../gql/graphql';
import { useT } from '../../i18n';
import { auditCursorBefore } from './cursor';
import { RecordFacts, type AuditItem } from './records';

const VerifyQuery = graphql(`
  query AuditVerifyChain { verifyAuditChain { intact checked brokenAt problem } }
`);

const RecordsFromQuery = graphql(`
  query AuditRecordsFrom($after: String, $first: Int) {
    auditLog(after: $after, first: $first) { nodes { ...AuditRecordFields } }
  }
`);

type Found = { broken?: AuditItem; before?: AuditItem; next?: AuditItem };

/**
 * Reads the records around the first broken one: the record before it (the last that checks out) and the broken record
 * itself, or — when the broken record is missing from the store — the next one stored. Records are located by sequence
 * (see cursor.ts) and checked by their sequence numbers.
 */
async function around(brokenAt: number): Promise<Found> {
  const start = Math.max(1, brokenAt - 1);
  const answer = await gql(RecordsFromQuery, { after: auditCursorBefore(start), first: brokenAt > 1 ? 2 : 1 });
  const nodes = answer.auditLog.nodes;
  const before = brokenAt > 1 ? nodes.find((r) => r.sequence === brokenAt - 1) : undefined;
  const broken = nodes.find((r) => r.sequence === brokenAt);
  const next = broken ? undefined : nodes.find((r) => r.sequence > brokenAt);
  return { broken, before, next };
}

/**
 * "Verify the chain": `verifyAuditChain` re-reads the whole log; when the chain is broken it names the first altered,
 * reordered or missing record, and this shows that record with every field (and the one before it, whose hash its
 * previous hash must equal), or says it is missing.
 */
export function VerifyChain() {
  const t = useT();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditVerifyChainQuery['verifyAuditChain']>();
  const [found, setFound] = useState<Found>();
  const [error, setError] = useState<ApiError>();

  const run = async () => {
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    setFound(undefined);
    try {
      const answer = await gql(VerifyQuery, {});
      const v = answer.verifyAuditChain;
      setResult(v);
      if (!v.intact && v.brokenAt != null) setFound(await around(v.brokenAt));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('UNKNOWN', String(e), [], null, 0));
    } finally {
      setRunning(false);
    }
  };

  const brokenAt = result?.brokenAt ?? 0;
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('audit.verify.title')}</h2>
      <p>{t('audit.verify.intro')}</p>
      <button type="button" className="primary" onClick={() => void run()} disabled={running} data-testid="audit-verify">
        {running ? t('audit.verify.running') : t('audit.verify.run')}
      </button>
      <div data-testid="audit-verify-result">
        {error ? <ErrorNotice error={error} onRetry={() => void run()} /> : null}
        {result?.intact ? <Notice kind="ok"><p>{t('audit.verify.intact', { n: result.checked })}</p></Notice> : null}
        {result && !result.intact ? (
          <Notice kind="error">
            <p><strong>{t('audit.verify.broken', { n: brokenAt, checked: result.checked })}</strong></p>
            {result.problem ? <p>{t('audit.verify.problem')} <span lang="en">{result.problem}</span></p> : null}
          </Notice>
        ) : null}
      </div>
      {result && !result.intact && found ? (
        <div className="broken" data-testid="audit-broken-record">
          {found.broken ? (
            <>
              <h3>{t('audit.verify.firstBroken', { n: brokenAt })}</h3>
              <RecordFacts record={found.broken} />
              {found.before && found.before.hash !== found.broken.previousHash
                ? <p className="field-error">{t('audit.verify.linkMismatch', { n: found.before.sequence })}</p> : null}
            </>
          ) : (
            <p className="field-error">{t('audit.verify.missing', { n: brokenAt })}</p>
          )}
          {found.next ? (
            <>
              <h3>{t('audit.verify.nextStored', { n: found.next.sequence })}</h3>
              <RecordFacts record={found.next} />
            </>
          ) : null}
          {found.before ? (
            <details>
              <summary>{t('audit.verify.lastIntact', { n: found.before.sequence })}</summary>
              <RecordFacts record={found.before} />
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
