// A validated RouterConfig from inline YAML, for renderer and formatter tests.
import { loadConfig, formatDiagnostic, type RouterConfig } from '@routerd/model';

export function configFrom(yaml: string): RouterConfig {
  const result = loadConfig([{ file: 'test.yaml', text: yaml }]);
  if (result.config === undefined) throw new Error(`test configuration is invalid:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.config;
}

/** One resource of the bare-list form. */
export function resource(kind: string, name: string, spec: string): string {
  return `- apiVersion: net.routerd.net/v1alpha1\n  kind: ${kind}\n  metadata: { name: ${name} }\n  spec: ${spec}\n`;
}
