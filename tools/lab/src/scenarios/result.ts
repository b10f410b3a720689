// A scenario's structured result: what it measured, what it saw, and every expectation that failed.

export interface ScenarioResult {
  scenario: string;
  title: string;
  ok: boolean;
  /** Measured durations in milliseconds. */
  timings: Record<string, number>;
  facts: Record<string, unknown>;
  failures: string[];
}

export class ResultBuilder {
  readonly timings: Record<string, number> = {};
  readonly facts: Record<string, unknown> = {};
  readonly failures: string[] = [];
  constructor(
    readonly scenario: string,
    readonly title: string,
  ) {}
  expect(condition: boolean, message: string): boolean {
    if (!condition) this.failures.push(message);
    return condition;
  }
  done(): ScenarioResult {
    return { scenario: this.scenario, title: this.title, ok: this.failures.length === 0, timings: this.timings, facts: this.facts, failures: this.failures };
  }
}

export function ms(value: number): string {
  return value < 1_000 ? `${value} ms` : `${(value / 1000).toFixed(2)} s`;
}
