/** An inclusive byte range of a document, as HTTP's Range header names one. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * One `bytes=` range of a document of `size` bytes: `a-b`, `a-` or the last `-n`. Null when
 * the header asks for nothing this server serves as a range (absent, another unit, several
 * ranges): the whole document is sent, as RFC 9110 allows. 'unsatisfiable' when it starts
 * past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [first, last] = [match[1]!, match[2]!];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null; // a syntactically invalid range is ignored
  return { start, end };
}
