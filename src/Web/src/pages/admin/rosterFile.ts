// Reading a roster file in the browser before it is sent (docs/roster-encoding.md): importRoster takes the CSV as a
// GraphQL String, so the service never sees the bytes. The console decodes them strictly, as the `import` verb does:
// UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as Excel on Chinese Windows saves "CSV (逗号分隔)";
// never replacing a byte it cannot decode, and refusing text that is already garbled (U+FFFD) or UTF-16 without BOM.

/** How the file was read. */
export type RosterEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** What the person chose: guess (default), or force UTF-8 or GB18030 (a short GBK text can be valid UTF-8 by chance). */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

/** A decoded roster: its text (without byte-order mark), how it was read, its header and its data rows (non-blank lines). */
/**
 * A decoded roster: its text, encoding, header line, data rows, and blank rows (an empty line or only separators, as Excel
 * writes an empty row `,,,,,,`) between the header and the last data row — the service skips and counts them (`blank`) and
 * numbers every row by its line in the file (docs/rosters.md).
 */
export type DecodedRoster = { text: string; encoding: RosterEncoding; header: string; rows: number; blank: number };

/** A line the service skips and counts as blank: empty, or only separators and white space. */
export function isBlankLine(line: string): boolean {
  // Each cell empty or white space, quoted or not (`,,`, `"",""`, `" ",`), as the service reads the row's cells: a line
  // of quoted empty cells counted as data here made "read N rows" disagree with the import's total (round-28 red team).
  return /^[^\S\r\n]*(?:"[^\S\r\n]*"[^\S\r\n]*)?(?:,[^\S\r\n]*(?:"[^\S\r\n]*"[^\S\r\n]*)?)*$/.test(line);
}

/** Why a file could not be read: bytes valid in no accepted encoding, or text already garbled / NUL (UTF-16 without BOM). */
export type RosterFileProblem =
  | { kind: 'undecodable'; line: number; offset: number }
  | { kind: 'replacement'; line: number }
  | { kind: 'nul'; line: number }
  | { kind: 'empty' }
  | { kind: 'spreadsheet' };

/** Thrown by {@link decodeRoster}. */
export class RosterFileError extends Error {
  readonly problem: RosterFileProblem;

  constructor(problem: RosterFileProblem) {
    super(problem.kind);
    this.problem = problem;
  }
}

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Byte offset of the first invalid UTF-8 sequence (the decoder does not say where). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlongs and surrogates (E0 80–9F, ED A0–BF, F0 80–8F, F4 90–BF).
    const c1 = bytes[i + 1];
    if (n >= 2 && ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 >= 0xa0) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 >= 0x90))) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Byte offset of a lone 0x80 or 0xFF, or -1. The WHATWG gb18030 decoder reads a lone 0x80 as the euro sign (Windows
 * code page 936 does), but GB18030 has no such single byte, and the `import` verb refuses it (docs/roster-encoding.md).
 */
export function firstLoneGbByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) i += 1;
    else if (b === 0x80 || b === 0xff) return i;
    else i += bytes[i + 1] !== undefined && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 ? 4 : 2;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineOfChar(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function detect(bytes: Uint8Array, choice: EncodingChoice): { text: string; encoding: RosterEncoding } {
  const bom8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes[0] === 0xff && bytes[1] === 0xfe && choice === 'auto') {
    const text = strict('utf-16le', bytes.subarray(2));
    if (text !== null) return { text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff && choice === 'auto') {
    const text = strict('utf-16be', bytes.subarray(2));
    if (text !== null) return { text, encoding: 'utf-16be' };
  }
  if (choice !== 'gb18030' || bom8) {
    const body = bom8 ? bytes.subarray(3) : bytes;
    const text = strict('utf-8', body);
    if (text !== null) return { text, encoding: 'utf-8' };
    if (choice === 'utf-8' || bom8) {
      const at = firstInvalidUtf8(body) + (bom8 ? 3 : 0);
      throw new RosterFileError({ kind: 'undecodable', line: lineAt(bytes, at), offset: at });
    }
  }
  const text = firstLoneGbByte(bytes) < 0 ? strict('gb18030', bytes) : null;
  if (text !== null) return { text, encoding: 'gb18030' };
  const lone = firstLoneGbByte(bytes);
  const at = lone >= 0 ? lone : Math.max(0, firstInvalidUtf8(bytes));
  throw new RosterFileError({ kind: 'undecodable', line: lineAt(bytes, at), offset: at });
}

/**
 * True for a spreadsheet workbook rather than CSV text: named .xlsx, .xls, .et (WPS) or .ods, or starting as a ZIP
 * (xlsx, ods) or an OLE compound file (xls, et) does. The service imports CSV only (importRoster's `csv`, docs/rosters.md).
 */
export function isSpreadsheet(name: string, bytes: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|xls|et|ods)$/i.test(name.trim())) return true;
  const starts = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  return starts([0x50, 0x4b, 0x03, 0x04]) || starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** Decodes a roster file's bytes strictly, or throws {@link RosterFileError} naming the line at fault. */
export function decodeRoster(bytes: Uint8Array, choice: EncodingChoice = 'auto', name = ''): DecodedRoster {
  if (bytes.length === 0) throw new RosterFileError({ kind: 'empty' });
  if (isSpreadsheet(name, bytes)) throw new RosterFileError({ kind: 'spreadsheet' });
  const { text: raw, encoding } = detect(bytes, choice);
  const text = raw.replace(/^\uFEFF/, '');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) throw new RosterFileError({ kind: 'replacement', line: lineOfChar(text, bad) });
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new RosterFileError({ kind: 'nul', line: lineOfChar(text, nul) });
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerAt = titleRows(lines);
  const header = lines[headerAt] ?? '';
  const body = lines.slice(headerAt + 1);
  let last = body.length - 1;
  while (last >= 0 && isBlankLine(body[last])) last--;
  const rows = body.filter((l) => !isBlankLine(l)).length;
  const blank = body.slice(0, last + 1).filter(isBlankLine).length;
  if (header.trim().length === 0) throw new RosterFileError({ kind: 'empty' });
  return { text, encoding, header, rows, blank };
}

/** One part of a roster sent in one request: its text (with the header), its data rows, and what to add to its row numbers to get the file's. */
export type RosterPart = { text: string; rows: number; rowOffset: number };

/**
 * Splits a roster into parts of at most `maxBytes` UTF-8 bytes at line ends, each with the header, so that each
 * request stays under the service's request limit (`GraphQL:Http:MaxRequestBytes`, 256 KiB by default; the `import`
 * verb uses the same 192 KiB parts). Blank lines travel with the row after them, so the service counts them and numbers
 * rows by their line: a part whose first line is the file's line n reports it as row 2, and a row error of the part is
 * row `row + rowOffset` (n − 2) of the file. Rosters allow no line breaks inside fields, so a line is a row.
 */
export function splitRoster(roster: DecodedRoster, maxBytes = 192 * 1024): RosterPart[] {
  const enc = new TextEncoder();
  if (enc.encode(roster.text).length <= maxBytes) return [{ text: roster.text, rows: roster.rows, rowOffset: 0 }];
  const lines = roster.text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerAt = titleRows(lines);
  const header = lines[headerAt];
  const headerBytes = enc.encode(lines.slice(0, headerAt + 1).join('\n')).length + 1;
  const parts: RosterPart[] = [];
  let chunk: string[] = [];
  let pending: string[] = [];
  let rows = 0;
  let bytes = headerBytes;
  let first = headerAt + 1; // index in lines of the current part's first line
  // The first part keeps the title rows above the header (the service skips them and numbers rows by their line).
  let head = lines.slice(0, headerAt + 1).join('\n');
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i];
    if (isBlankLine(line)) { pending.push(line); continue; }
    const size = [...pending, line].reduce((n, l) => n + enc.encode(l).length + 1, 0);
    if (rows > 0 && bytes + size > maxBytes) {
      parts.push({ text: `${head}\n${chunk.join('\n')}\n`, rows, rowOffset: first === headerAt + 1 ? 0 : first - 1 });
      head = header;
      first = i - pending.length;
      chunk = [];
      rows = 0;
      bytes = enc.encode(header).length + 1;
    }
    chunk.push(...pending, line);
    pending = [];
    rows++;
    bytes += size;
  }
  chunk.push(...pending);
  parts.push({ text: `${head}\n${chunk.join('\n')}\n`, rows, rowOffset: first === headerAt + 1 ? 0 : first - 1 });
  return parts;
}

const filledCells = (line: string): number => line.split(',').filter((c) => c.replace(/"/g, '').trim().length > 0).length;

/**
 * The index of the header line: 0, or past up to three title rows above it — a row with one filled cell (an Excel
 * title merged across the sheet) followed by a row with at least two. The service makes the same judgement, with the
 * column names it knows, and skips the titles (docs/rosters.md "A title above the header"); here it only keeps every
 * part of a large file starting with the real header.
 */
export function titleRows(lines: string[]): number {
  let at = 0;
  for (let n = 0; n < 3 && at < lines.length - 1 && filledCells(lines[at]) === 1; n++) {
    let next = at + 1;
    while (next < lines.length && isBlankLine(lines[next])) next++;
    if (next >= lines.length) return 0;
    if (filledCells(lines[next]) >= 2) return next;
    at = next;
  }
  return 0;
}
