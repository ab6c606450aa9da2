import type { Strings } from '../defineStrings';
import common from './common';
import errors from './errors';
import needToKnow from './needToKnow';

// Every area's strings, one line each (append-only).
export const allStrings: Strings<string>[] = [
  common,
  errors,
  needToKnow,
];
