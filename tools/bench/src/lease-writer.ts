// Successive versions of the lease file, each a renewal of the next lease (same size, so only
// rsync --checksum notices a change within the same second).
import { EXPIRY_BASE, leaseLines, leaseText, renew } from './lease-text.js';

export class LeaseWriter {
  private readonly lines: string[];
  private readonly leaseIndexes: number[];
  private count = 0;

  constructor(v4: number, v6: number) {
    this.lines = leaseLines(v4, v6);
    this.leaseIndexes = this.lines.flatMap((line, i) => (line.startsWith('duid ') ? [] : [i]));
  }

  current(): Buffer {
    return Buffer.from(leaseText(this.lines));
  }

  /** The next version: one more lease renewed. */
  next(): Buffer {
    const index = this.leaseIndexes[this.count % this.leaseIndexes.length] as number;
    this.count += 1;
    renew(this.lines, index, EXPIRY_BASE + 100_000 + this.count);
    return this.current();
  }
}
