import { hasString } from '../../i18n';

type T = (key: string, params?: Record<string, string | number>) => string;

/** A tenant kind (`DISTRICT`, `TOWN`, `SCHOOL`) in the UI language. */
export function kindLabel(t: T, kind: string): string {
  return hasString(`platform.kind.${kind}`) ? t(`platform.kind.${kind}`) : kind;
}

/** A tenant status (`ACTIVE`, `SUSPENDED`, `OFFBOARDING`, …) in the UI language. */
export function statusLabel(t: T, status: string): string {
  return hasString(`platform.status.${status}`) ? t(`platform.status.${status}`) : status;
}

/** A jurisdiction template (`school`, `town`, `district`) in the UI language; the template's own name otherwise. */
export function templateLabel(t: T, id: string, name: string): string {
  return hasString(`platform.template.${id}`) ? t(`platform.template.${id}`) : name;
}
