import { useState, type FormEvent } from 'react';
import { gql } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { graphql } from '../../gql';
import type { CasePersonQuery, ContactKind } from '../../gql/graphql';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { OwnerName } from './labels';

// The contacts as stored now, read just before a change: setPersonContacts replaces the whole list, so a change built on
// the page's copy would undo what someone else saved meanwhile (round-24 red team: a guardian added by the homeroom
// teacher came back removed).
const CurrentContacts = graphql(`
  query CaseCurrentContacts($id: ID!) { person(id: $id) { id contacts { kind name relationship phone workplace } } }
`);

const SetContacts = graphql(`
  mutation CaseSetPersonContacts($personId: ID!, $contacts: [ContactInput!]!) {
    setPersonContacts(personId: $personId, contacts: $contacts) { id }
  }
`);

type Contact = NonNullable<CasePersonQuery['person']>['contacts'][number];
type Replaced = NonNullable<CasePersonQuery['person']>['replacedContacts'][number];
/** SELF is the person's own phone (本人): at most one, a name and a phone only (the service refuses more, rule one-self-contact). */
const KINDS: ContactKind[] = ['GUARDIAN', 'PARENT', 'EMERGENCY_CONTACT', 'SELF'];
/** The service keeps at most 10 contacts per person (PersonValidation.MaxContacts). */
const MAX_CONTACTS = 10;

const asInput = (c: Contact) => ({ kind: c.kind, name: c.name, relationship: c.relationship ?? null, phone: c.phone ?? null, workplace: c.workplace ?? null });

/**
 * The person's guardians, parents, emergency contacts and own phone (SELF, R-6.2 "know how to reach them": an adult resident
 * living alone is called directly, new-user trial 2026-12-06), with a form to add one and a button to remove
 * one (`setPersonContacts`, which replaces the whole list). New-user trial 2026-12-04: a pupil imported from a 学籍 export
 * without guardian columns got a two-hour "notify the family" task and a consent gate that needs a guardian's decision,
 * and the psychology teacher had nowhere to write the guardian down. Below it, the contacts a change removed or altered
 * (`replacedContacts`, newest first), so a number overwritten by mistake can be read and added again (round-29 new-user
 * trial: the service kept them, the console showed none).
 */
export function ContactsSection({ personId, contacts, replaced, onSaved, readOnly = false }: {
  personId: string; contacts: readonly Contact[]; replaced: readonly Replaced[]; onSaved: () => void; readOnly?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const save = useMutation(SetContacts);
  const [kind, setKind] = useState<ContactKind>('GUARDIAN');
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState('');
  const [phone, setPhone] = useState('');
  const [workplace, setWorkplace] = useState('');
  const [removing, setRemoving] = useState<number | null>(null);
  const [saved, setSaved] = useState<'added' | 'removed' | null>(null);
  const [changed, setChanged] = useState(false);
  const full = contacts.length >= MAX_CONTACTS;
  const hasSelf = contacts.some((c) => c.kind === 'SELF');

  const same = (a: Contact, b: Contact) => a.kind === b.kind && a.name === b.name && (a.relationship ?? null) === (b.relationship ?? null)
    && (a.phone ?? null) === (b.phone ?? null) && (a.workplace ?? null) === (b.workplace ?? null);

  /** Applies `change` to the contacts as stored now; false (and a reload) when the contact to remove is gone already. */
  const replace = async (change: (current: readonly Contact[]) => Contact[] | null, outcome: 'added' | 'removed') => {
    setSaved(null);
    setChanged(false);
    const current = await gql(CurrentContacts, { id: personId }).then((d) => d.person?.contacts ?? []).catch(() => null);
    if (current === null) return false;
    const next = change(current);
    if (next === null) {
      setChanged(true);
      setRemoving(null);
      onSaved();
      return false;
    }
    const ok = await save.run({ personId, contacts: next.map(asInput) }).catch(() => null);
    if (!ok) return false;
    setSaved(outcome);
    setRemoving(null);
    onSaved();
    return true;
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const added = { kind, name: name.trim(), relationship: kind === 'SELF' ? null : relationship.trim() || null, phone: phone.trim() || null, workplace: kind === 'PARENT' ? workplace.trim() || null : null };
    if (await replace((current) => [...current, added], 'added')) {
      setName(''); setRelationship(''); setPhone(''); setWorkplace('');
    }
  };

  return (
    <section className="case-section card" aria-labelledby="contacts-title" id="contacts">
      <h2 id="contacts-title">{t('cases.family.title')}</h2>
      <p className="hint">{t('cases.family.hint')}</p>
      <DataTable
        caption={t('cases.family.caption')}
        rows={contacts.map((c, i) => ({ c, i }))}
        rowKey={(x) => String(x.i)}
        empty={t('cases.family.none')}
        columns={[
          { key: 'kind', header: t('cases.family.col.kind'), cell: (x) => t(`cases.contactKind.${x.c.kind}`) },
          { key: 'name', header: t('cases.family.col.name'), cell: (x) => <span translate="no" data-testid={`contact-${x.i}`}>{x.c.name}</span> },
          { key: 'rel', header: t('cases.family.col.relationship'), cell: (x) => <span translate="no">{x.c.relationship ?? ''}</span> },
          { key: 'phone', header: t('cases.family.col.phone'), cell: (x) => (x.c.phone ? <a href={`tel:${x.c.phone.replace(/[^\d+]/g, '')}`} translate="no">{x.c.phone}</a> : t('cases.family.noPhone')) },
          { key: 'work', header: t('cases.family.col.workplace'), cell: (x) => <span translate="no">{x.c.workplace ?? ''}</span> },
          ...(readOnly ? [] : [{ key: 'act', header: t('cases.family.col.actions'), cell: (x: { c: Contact; i: number }) => (removing === x.i ? (
            <div className="next-actions">
              <button type="button" className="danger" disabled={save.running}
                onClick={() => void replace((current) => {
                  const at = current.findIndex((y) => same(y, x.c));
                  return at < 0 ? null : current.filter((_, j) => j !== at);
                }, 'removed')}>
                {t('cases.family.confirmRemove', { name: x.c.name })}
              </button>
              <button type="button" onClick={() => setRemoving(null)}>{t('cases.family.keep')}</button>
            </div>
          ) : (
            <button type="button" onClick={() => { setSaved(null); setRemoving(x.i); }} aria-label={t('cases.family.removeNamed', { name: x.c.name })}>
              {t('cases.family.remove')}
            </button>
          )) }]),
        ]}
      />
      {replaced.length > 0 ? (
        <details className="earlier-contacts" data-testid="earlier-contacts">
          <summary>{t('cases.family.earlier', { n: replaced.length })}</summary>
          <p className="hint">{t('cases.family.earlierHint')}</p>
          <DataTable
            caption={t('cases.family.earlierCaption')}
            rows={[...replaced].reverse().map((r, i) => ({ r, i }))}
            rowKey={(x) => String(x.i)}
            empty=""
            columns={[
              { key: 'kind', header: t('cases.family.col.kind'), cell: (x) => t(`cases.contactKind.${x.r.contact.kind}`) },
              { key: 'name', header: t('cases.family.col.name'), cell: (x) => <span translate="no">{x.r.contact.name}</span> },
              { key: 'rel', header: t('cases.family.col.relationship'), cell: (x) => <span translate="no">{x.r.contact.relationship ?? ''}</span> },
              { key: 'phone', header: t('cases.family.col.phone'), cell: (x) => <span translate="no">{x.r.contact.phone ?? ''}</span> },
              { key: 'when', header: t('cases.family.col.replaced'), cell: (x) => <>{f.dateTime(x.r.replacedAt)} · <OwnerName id={x.r.replacedBy} /></> },
            ]}
          />
        </details>
      ) : null}
      {readOnly ? null : <>
      <h3>{t('cases.family.add')}</h3>
      {full ? <p className="hint">{t('cases.family.full', { max: MAX_CONTACTS })}</p> : null}
      <form onSubmit={add}>
        <div className="grid">
          <Field label={t('cases.family.kind')}>
            <select value={kind} onChange={(e) => setKind(e.target.value as ContactKind)}>
              {KINDS.map((k) => <option key={k} value={k} disabled={k === 'SELF' && hasSelf}>{t(`cases.contactKind.${k}`)}</option>)}
            </select>
          </Field>
          <Field label={t('cases.family.name')} required hint={kind === 'SELF' ? t('cases.family.selfNameHint') : undefined}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" />
          </Field>
          {kind === 'SELF' ? null : (
            <Field label={t('cases.family.relationship')} hint={t('cases.family.relationshipHint')}>
              <input value={relationship} onChange={(e) => setRelationship(e.target.value)} maxLength={64} autoComplete="off" />
            </Field>
          )}
          <Field label={t('cases.family.phone')} required={kind === 'SELF'}>
            <input type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={25} autoComplete="off" />
          </Field>
          {kind === 'PARENT' ? (
            <Field label={t('cases.family.workplace')} hint={t('cases.family.workplaceHint')}>
              <input value={workplace} onChange={(e) => setWorkplace(e.target.value)} maxLength={200} autoComplete="off" />
            </Field>
          ) : null}
        </div>
        {kind === 'SELF' ? <p className="hint">{t(hasSelf ? 'cases.family.selfTaken' : 'cases.family.selfHint')}</p> : null}
        {save.error ? <ErrorNotice error={save.error} /> : null}
        {saved ? <Notice kind="ok">{t(`cases.family.${saved}`)}</Notice> : null}
        {changed ? <Notice kind="warn">{t('cases.family.changedMeanwhile')}</Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.running || full}>{t('cases.family.submit')}</button>
        </div>
      </form>
      </>}
    </section>
  );
}
