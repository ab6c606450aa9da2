import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, gql } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { hasString, useT } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';
import { ServiceText } from '../../i18n/serviceText';
import { decodeRoster, RosterFileError, splitRoster, type DecodedRoster, type EncodingChoice } from './rosterFile';
import { addNotice, groupRowErrors, importOutcome, rowExcerpt, rowRanges, type RowError } from './importOutcome';
import { UnitSelect, useUnits } from './UnitSelect';
import './admin.css';

const ImportRosterMutation = graphql(`
  mutation AdminImportRoster($organizationId: ID!, $csv: String!, $kind: RosterKind, $allowMoves: Boolean, $idempotencyKey: String, $partOf: ID, $rowOffset: Int) {
    importRoster(organizationId: $organizationId, csv: $csv, kind: $kind, allowMoves: $allowMoves, idempotencyKey: $idempotencyKey, partOf: $partOf, rowOffset: $rowOffset) {
      id total processed invalid done
    }
  }
`);

const ImportStatusQuery = graphql(`
  query AdminImportStatus($id: ID!) {
    importStatus(id: $id, waitSeconds: 1) {
      id state done total processed landed created updated moved notMoved unchanged invalid notWritten blank message
      errors { row column reason code }
    }
  }
`);

type Kind = 'PEOPLE' | 'STAFF';
type Totals = { landed: number; created: number; updated: number; moved: number; notMoved: number; unchanged: number; invalid: number; notWritten: number; blank: number };
// notices: the service's messages of parts that completed (a title row skipped, notes columns not read), each once.
type Run = { total: number; processed: number; done: boolean; failed?: string; notices: string[]; ids: string[]; totals: Totals; errors: RowError[]; allowMoves: boolean; lines: string[] };

const zero: Totals = { landed: 0, created: 0, updated: 0, moved: 0, notMoved: 0, unchanged: 0, invalid: 0, notWritten: 0, blank: 0 };

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('UNKNOWN', e instanceof Error ? e.message : String(e), [], null, 0);
}

/** A call retried (at most twice, with the same idempotency key) when its outcome is unknown (docs/operations.md). */
async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      if (attempt >= 2 || !['UNAVAILABLE', 'NETWORK', 'CONFLICT_RETRY'].includes(code)) throw e;
    }
  }
}

/**
 * Roster import (TenantAdmin, docs/rosters.md): a CSV file chosen here is read in the browser (UTF-8, UTF-16 with BOM,
 * or GB18030/GBK as Excel saves it; docs/roster-encoding.md), sent with `importRoster` in parts under the request limit,
 * and followed with `importStatus` until every row is handled: a progress bar, the counts, and each refused row with
 * its row number (as the spreadsheet shows it), column and reason.
 */
export default function ImportPage() {
  const t = useKindT();
  const [params] = useSearchParams();
  const { units, loading, error: unitsError, reload } = useUnits();
  const [org, setOrg] = useState(params.get('org') ?? '');
  const [kind, setKind] = useState<Kind>('PEOPLE');
  // unticked by default: a file imported into the wrong unit must move nobody (docs/rosters.md "Moves are asked for")
  const [allowMoves, setAllowMoves] = useState(false);
  const [choice, setChoice] = useState<EncodingChoice>('auto');
  const [file, setFile] = useState<File>();
  const [roster, setRoster] = useState<DecodedRoster>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [missing, setMissing] = useState<string>();
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<ApiError>();

  const read = async (f: File | undefined, enc: EncodingChoice) => {
    setRoster(undefined);
    setFileProblem(undefined);
    setRun(undefined);
    setError(undefined);
    if (!f) return;
    try {
      setRoster(decodeRoster(new Uint8Array(await f.arrayBuffer()), enc, f.name));
    } catch (e) {
      if (e instanceof RosterFileError) {
        const p = e.problem;
        setFileProblem(p.kind === 'empty' ? t('admin.import.fileEmpty')
          : p.kind === 'spreadsheet' ? t('admin.import.fileSpreadsheet')
          : p.kind === 'undecodable' ? t('admin.import.fileUndecodable', { line: p.line, offset: p.offset })
          : p.kind === 'replacement' ? t('admin.import.fileGarbled', { line: p.line })
          : t('admin.import.fileNul', { line: p.line }));
      } else {
        setFileProblem(t('admin.import.fileUnreadable'));
      }
    }
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setFile(f);
    setMissing(undefined);
    void read(f, choice);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!org) { setMissing('org'); return; }
    // a chosen file that could not be read keeps its own reason (an .xlsx said "choose the file", new-user trial)
    if (!roster) { setMissing(file ? undefined : 'file'); return; }
    setMissing(undefined);
    setError(undefined);
    const parts = splitRoster(roster);
    // total = landed + refused + not written + blank rows, as importStatus counts them (docs/rosters.md)
    let state: Run = { total: roster.rows + roster.blank, processed: 0, done: false, notices: [], ids: [], totals: { ...zero }, errors: [], allowMoves, lines: roster.text.split('\n') };
    setRun(state);
    let before = 0;
    try {
      for (const part of parts) {
        const key = `console-import-${crypto.randomUUID()}`;
        // a later part names the first, so a 学号 repeated across parts is refused as within one (docs/rosters.md)
        const partOf = state.ids.length > 0 ? { partOf: state.ids[0], rowOffset: part.rowOffset } : {};
        const started = await withRetry(() => gql(ImportRosterMutation, { organizationId: org, csv: part.text, kind, allowMoves, idempotencyKey: key, ...partOf }));
        const id = started.importRoster.id;
        state = { ...state, ids: [...state.ids, id] };
        for (;;) {
          const answer = await withRetry(() => gql(ImportStatusQuery, { id }));
          const s = answer.importStatus;
          if (!s) throw new ApiError('NOT_FOUND', `importStatus(${id}) answered null`, [], null, 200);
          state = { ...state, processed: before + s.processed };
          setRun(state);
          if (s.done) {
            const totals = { ...state.totals };
            for (const k of Object.keys(zero) as (keyof Totals)[]) totals[k] += s[k];
            const errors = [...state.errors, ...s.errors.map((r) => ({ row: r.row + part.rowOffset, column: r.column, reason: r.reason, code: r.code }))];
            const completed = s.state === 'COMPLETED';
            // each notice once for the whole file: every part carries the header, so its notes column (docs/rosters.md)
            const notices = completed ? addNotice(state.notices, s.message) : state.notices;
            state = { ...state, totals, errors, notices, failed: completed ? undefined : s.message ?? s.state };
            before += s.total;
            break;
          }
        }
        if (state.failed) break;
      }
      state = { ...state, done: true, total: state.failed ? state.total : before, processed: state.failed ? state.processed : before };
      setRun(state);
    } catch (err) {
      setError(asApiError(err));
      setRun({ ...state, done: true, failed: undefined });
    }
  };

  const running = run !== undefined && !run.done;
  const encodingNames: Record<string, string> = {
    'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030 (GBK)',
  };
  const ext = error?.extensions ?? {};
  return (
    <Page title={t('admin.import.title')}>
      <p>{t('admin.import.intro')}</p>
      {loading ? <Loading label={t('common.loading')} /> : null}
      {unitsError ? <ErrorNotice error={unitsError} onRetry={reload} /> : null}
      <form className="card" onSubmit={submit} aria-describedby="import-rules">
        <UnitSelect units={units} value={org} onChange={(id) => { setOrg(id); setMissing(undefined); }} label={t('admin.import.unit')}
          hint={t('admin.import.unitHint')} testId="import-unit" />
        {missing === 'org' ? <Notice kind="error">{t('admin.import.chooseUnit')}</Notice> : null}
        <fieldset className="choices">
          <legend>{t('admin.import.kind')}</legend>
          <label><input type="radio" name="kind" value="PEOPLE" checked={kind === 'PEOPLE'} onChange={() => setKind('PEOPLE')} data-testid="import-kind-people" /> {t('admin.import.kindPeople')}</label>
          <label><input type="radio" name="kind" value="STAFF" checked={kind === 'STAFF'} onChange={() => setKind('STAFF')} data-testid="import-kind-staff" /> {t('admin.import.kindStaff')}</label>
        </fieldset>
        <div className="field">
          <label><input type="checkbox" checked={allowMoves} onChange={(e) => setAllowMoves(e.target.checked)} aria-describedby="import-allow-moves-hint"
            data-testid="import-allow-moves" /> {t('admin.import.allowMoves')}</label>
          <p className="hint" id="import-allow-moves-hint">{t('admin.import.allowMovesHint')}</p>
        </div>
        <Field label={t('admin.import.file')} hint={t('admin.import.fileHint')} error={missing === 'file' ? t('admin.import.chooseFile') : fileProblem}>
          <input type="file" accept=".csv,text/csv,text/plain" onChange={onFile} data-testid="import-file" />
        </Field>
        <Field label={t('admin.import.encoding')} hint={t('admin.import.encodingHint')}>
          <select value={choice} onChange={(e) => { const c = e.target.value as EncodingChoice; setChoice(c); void read(file, c); }} data-testid="import-encoding">
            <option value="auto">{t('admin.import.encodingAuto')}</option>
            <option value="utf-8" translate="no">UTF-8</option>
            <option value="gb18030" translate="no">GB18030 (GBK)</option>
          </select>
        </Field>
        {roster ? (
          <Notice kind="info">
            <p data-testid="import-read">{t('admin.import.read', { rows: roster.rows })} <code>{encodingNames[roster.encoding]}</code></p>
            {roster.encoding === 'gb18030' ? <p>{t('admin.import.readGbk')}</p> : null}
          </Notice>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={running} data-testid="import-submit">{t('admin.import.submit')}</button>
        </div>
      </form>
      <details className="card" id="import-rules">
        <summary>{t('admin.import.rulesTitle')}</summary>
        <p>{t('admin.import.rulesPeople')}</p>
        <p>{t('admin.import.rulesStaff')}</p>
        <p>{t('admin.import.rulesEncoding')}</p>
      </details>
      {error ? (
        <>
          <ErrorNotice error={error} />
          {typeof ext.column === 'string' ? (
            <Notice kind="error">
              <p>{typeof ext.hint === 'string' && hasString(`admin.import.hint.${ext.hint}`)
                ? t(`admin.import.hint.${ext.hint}`, { column: ext.column, number: String(ext.columnNumber ?? '') })
                : t('admin.import.unknownColumn', { column: ext.column, number: String(ext.columnNumber ?? '') })}</p>
              {typeof ext.acceptedColumns === 'string' ? <p className="accepted"><span>{t('admin.import.accepted')}</span> <code>{ext.acceptedColumns}</code></p> : null}
            </Notice>
          ) : null}
        </>
      ) : null}
      {run ? <ImportProgress run={run} refused={error !== undefined} /> : null}
    </Page>
  );
}

/** The progress bar, the counts and the refused rows of one run (all parts summed, rows numbered as in the file). */
function ImportProgress({ run, refused }: { run: Run; refused: boolean }) {
  const t = useT();
  const { totals } = run;
  const outcome = importOutcome(run, refused);
  return (
    <section className="card" aria-labelledby="import-progress-title" data-testid="import-result">
      <h2 id="import-progress-title">{t('admin.import.progressTitle')}</h2>
      <label className="progress">
        <span>{t('admin.import.progress', { processed: run.processed, total: run.total })}</span>
        <progress max={Math.max(run.total, 1)} value={run.processed} data-testid="import-progress" />
      </label>
      <p role="status" data-testid="import-status" data-outcome={outcome.kind} className={outcome.kind === 'refused' || outcome.kind === 'noneLanded' ? 'notice notice-error' : undefined}>
        {outcome.kind === 'running' ? t('admin.import.running')
          : outcome.kind === 'refused' ? <>{t('admin.import.refusedNothingChanged')}{run.failed ? <> <ServiceText text={run.failed} /></> : null}</>
          : outcome.kind === 'stopped' ? <>{t('admin.import.stoppedAfter', { landed: outcome.landed })}{run.failed ? <> <ServiceText text={run.failed} /></> : null}</>
          : outcome.kind === 'noneLanded' ? t('admin.import.noneLanded', { invalid: outcome.invalid, notWritten: outcome.notWritten })
          : outcome.notWritten > 0 ? t('admin.import.doneWithNotWritten', { landed: outcome.landed, invalid: outcome.invalid, notWritten: outcome.notWritten })
          : outcome.invalid > 0 ? t('admin.import.doneWithRefused', { landed: outcome.landed, invalid: outcome.invalid })
          // round-26 trial: an unchanged file re-imported read 全部 20 行已写入 beside 无变化 20
          : totals.unchanged >= outcome.landed ? t('admin.import.doneNoChange', { landed: outcome.landed })
          : totals.unchanged > 0 ? t('admin.import.doneSomeUnchanged', { landed: outcome.landed, changed: outcome.landed - totals.unchanged, unchanged: totals.unchanged })
          : t('admin.import.doneAll', { landed: outcome.landed })}
      </p>
      {run.notices.map((n) => <p key={n} className="notice" data-testid="import-notice"><ServiceText text={n} /></p>)}
      {run.done && outcome.kind !== 'refused' ? (
        <dl className="counts">
          <div><dt>{t('admin.import.landed')}</dt><dd data-testid="import-landed">{totals.landed}</dd></div>
          <div><dt>{t('admin.import.created')}</dt><dd>{totals.created}</dd></div>
          <div><dt>{t('admin.import.updated')}</dt><dd>{totals.updated}</dd></div>
          <div><dt>{t('admin.import.moved')}</dt><dd data-testid="import-moved">{totals.moved}</dd></div>
          <div><dt>{t('admin.import.notMoved')}</dt><dd data-testid="import-not-moved">{totals.notMoved}</dd></div>
          <div><dt>{t('admin.import.unchanged')}</dt><dd>{totals.unchanged}</dd></div>
          <div><dt>{t('admin.import.invalid')}</dt><dd data-testid="import-invalid">{totals.invalid}</dd></div>
          <div><dt>{t('admin.import.notWritten')}</dt><dd data-testid="import-not-written">{totals.notWritten}</dd></div>
          <div><dt>{t('admin.import.blank')}</dt><dd data-testid="import-blank">{totals.blank}</dd></div>
        </dl>
      ) : null}
      {run.done && totals.notMoved > 0 ? (
        <Notice kind="error"><p data-testid="import-not-moved-notice">{t('admin.import.notMovedNotice', { n: totals.notMoved })}</p></Notice>
      ) : null}
      {run.done && run.errors.length > 0 ? (
        <div data-testid="import-refused">
          {/* rows refused for one reason are listed once, with their row numbers (round-30 trial: a missing class repeated per row) */}
          <DataTable caption={t('admin.import.refusedCaption', { n: run.errors.length })} rowKey={(r) => `${r.rows[0]}-${r.column ?? ''}-${r.reason}`}
            rows={groupRowErrors(run.errors)}
            empty={t('admin.import.noneRefused')} columns={[
              { key: 'row', header: t('admin.import.row'), cell: (r) => (
                <span className="stack"><span>{rowRanges(r.rows, t('admin.import.rowSeparator'))}</span>
                  {r.rows.length === 1 && rowExcerpt(run.lines, r.rows[0]) ? <code className="hint" translate="no">{rowExcerpt(run.lines, r.rows[0])}</code> : null}
                  {r.rows.length > 1 ? (
                    <details className="hint">
                      <summary>{t('admin.import.eachRow', { n: r.rows.length })}</summary>
                      <ul>{r.rows.slice(0, 100).map((row) => <li key={row}>{row}: <code translate="no">{rowExcerpt(run.lines, row)}</code></li>)}</ul>
                    </details>
                  ) : null}</span>) },
              { key: 'column', header: t('admin.import.column'), cell: (r) => (r.column
                ? <span className="stack">{hasString(`admin.col.${r.column}`) ? <span>{t(`admin.col.${r.column}`)}</span> : <code>{r.column}</code>}</span>
                : t('admin.import.wholeRow')) },
              { key: 'reason', header: t('admin.import.reason'), cell: (r) => (
                <span className="stack">
                  {/* the column's help is for a cell the file check refused; a refusal of the person (a code) says its own why */}
                  {/* the column's rule only beside a reason that does not say it in Chinese already (round-30 trial: two texts for one refusal) */}
                  {r.column && !r.code && !/[\u4e00-\u9fff]/.test(r.reason) && hasString(`admin.colHelp.${r.column}`) ? <span>{t(`admin.colHelp.${r.column}`)}</span> : null}
                  <ServiceText className="service-reason" text={r.reason} />
                </span>
              ) },
            ]} />
          {run.errors.length >= 1000 ? <p className="hint">{t('admin.import.errorsCapped')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
