import { describe, expect, it } from 'vitest';
import { looksLikeNumber, matchesReference, shortReference } from '../src/pages/cases/reference';
import { timelineReason } from '../src/pages/cases/timelineText';

describe('readable case and receipt numbers', () => {
  it('shows the last eight random digits of a generated id in two groups of four', () => {
    // An unkeyed case (version-7 GUID: the first digits are the time), a keyed case, a receipt and a keyed receipt.
    expect(shortReference('case-019ae5c4b2d87c3a9f1e4b6d2a9cf31b')).toBe('2A9C-F31B');
    expect(shortReference('case-k8f6e0d1c2b3a49586776655443322110')).toBe('4332-2110');
    expect(shortReference('rcpt-5d41402abc4b2a76b9719d911017c592')).toBe('1017-C592');
    expect(shortReference('rcpt-k00112233445566778899aabbccddeeff')).toBe('CCDD-EEFF');
  });

  it('tells apart two cases opened in the same minute', () => {
    // Version-7 ids of one minute share their first twelve digits; the number comes from the random end.
    const a = shortReference('case-019ae5c4b2d87000800000000000a1b2');
    const b = shortReference('case-019ae5c4b2d87000800000000000c3d4');
    expect(a).not.toBe(b);
  });

  it('leaves any other id as it is', () => {
    for (const id of ['case-demo-001', 'case-019ae5c4', 'person-7', 'CASE-019AE5C4B2D87C3A9F1E4B6D2A9CF31B-extra', '']) {
      expect(shortReference(id)).toBe(id);
    }
  });
});

describe('the receipt on a case timeline', () => {
  const context = (lang: 'zh' | 'en') => ({ lang, owner: (id: string) => id, deadline: (iso: string) => iso });

  it('shows the number the reporter quotes, with the full id beside it', () => {
    const text = timelineReason('ReceiptGiven', 'receipt rcpt-5d41402abc4b2a76b9719d911017c592', context('zh'));
    expect(text).toContain('1017-C592');
    expect(text).toContain('rcpt-5d41402abc4b2a76b9719d911017c592');
    expect(timelineReason('ReceiptGiven', 'receipt rcpt-5d41402abc4b2a76b9719d911017c592', context('en'))).toContain('receipt 1017-C592 (rcpt-');
  });
});

describe('finding a case by the number read out', () => {
  const id = 'case-019ae5c4b2d87c3a9f1e4b6d2a9cf31b';

  it('takes the number with or without the dash, in any case, and the full id', () => {
    for (const typed of ['2A9C-F31B', '2a9cf31b', ' 2A9C F31B ', id, '']) {
      expect(matchesReference(id, typed)).toBe(true);
    }
  });

  it('does not take another number or a part of one', () => {
    for (const typed of ['2A9C-F31C', '2A9C', 'F31B', 'case-019ae5c4']) {
      expect(matchesReference(id, typed)).toBe(false);
    }
  });

  it('tells a number typed into the address bar from an id', () => {
    expect(looksLikeNumber('8649-33B2')).toBe(true);
    expect(looksLikeNumber('864933b2')).toBe(true);
    expect(looksLikeNumber(id)).toBe(false);
    expect(looksLikeNumber('case-school-1')).toBe(false);
  });
});
