// Feeds a file read in chunks to a line check, one decoded line at a time, so no whole-file string exists.
import type { LeaseFileCheck, LeaseLineCheck } from './types.js';

const NEWLINE = 0x0a;

export interface LineFeed {
  /** The next bytes of the file; `chunk` may be reused by the caller once this returns. */
  push(chunk: Buffer): void;
  end(): LeaseFileCheck;
}

/**
 * Splitting the bytes at '\n' and decoding each line gives the lines of the whole text decoded then
 * split: UTF-8 never uses the byte 0x0a inside a multi-byte character.
 */
export function lineFeed(check: LeaseLineCheck): LineFeed {
  // The bytes of a line not ended yet, copied out of the chunks that held them.
  let partial: Buffer[] = [];
  const takePartial = (tail: Buffer): string => {
    const text = Buffer.concat([...partial, tail]).toString('utf8');
    partial = [];
    return text;
  };
  return {
    push(chunk) {
      let start = 0;
      let end = chunk.indexOf(NEWLINE);
      if (end >= 0 && partial.length > 0) {
        check.line(takePartial(chunk.subarray(0, end)));
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      while (end >= 0) {
        check.line(chunk.toString('utf8', start, end));
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) partial.push(Buffer.from(chunk.subarray(start)));
    },
    end: () => check.end(partial.length > 0 ? takePartial(Buffer.alloc(0)) : ''),
  };
}
