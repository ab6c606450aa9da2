import { Fragment, useCallback, type ReactNode } from 'react';
import { useT } from '../../i18n';

/**
 * `t` whose placeholders take React nodes: `rt('key', { zone: <span translate="no">Asia/Shanghai</span> })`. Data such
 * as a time zone id or a unit's name is then marked as data (translate="no") inside a translated sentence.
 */
export function useRichT(): (key: string, params: Record<string, ReactNode>) => ReactNode {
  const t = useT();
  return useCallback((key: string, params: Record<string, ReactNode>) => {
    const parts = t(key).split(/\{(\w+)\}/);
    return parts.map((part, i) => (i % 2 === 1 ? <Fragment key={i}>{part in params ? params[part] : `{${part}}`}</Fragment> : part));
  }, [t]);
}
