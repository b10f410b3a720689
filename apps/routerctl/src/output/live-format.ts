// json and yaml output of the live commands: the objects exactly as the agents sent them.
import { stringify } from 'yaml';

export function formatData(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}
