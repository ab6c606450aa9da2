import type { Strings } from '../defineStrings';
import common from './common';
import errors from './errors';
import needToKnow from './needToKnow';
import supervision from './supervision';
import audit from './audit';
import admin from './admin';
import platform from './platform';
import frontline from './frontline';
import cases from './cases';
import screening from './screening';
import labels from './labels';
import people from './people';
import kindVariants from './kindVariants';

// Every area's strings, one line each (append-only).
export const allStrings: Strings<string>[] = [
  common,
  errors,
  needToKnow,
  supervision,
  audit,
  admin,
  platform,
  frontline,
  cases,
  screening,
  labels,
  people,
  kindVariants,
];
