// Wires the exporter for the agent bootstrap: --listen, the connection and the configuration from the context.
import type { AgentFlags, StartAgent } from '@routerd/agent';
import { createMetricsExporter, type ExporterDeps } from './exporter.js';
import { DEFAULT_LISTEN, listenProblem, parseListen } from './listen.js';

export const AGENT_NAME = 'routerd-metrics-exporter';

export const METRICS_EXPORTER_FLAGS = {
  listen: {
    placeholder: 'HOST:PORT',
    env: 'ROUTERD_METRICS_LISTEN',
    default: DEFAULT_LISTEN,
    help: 'where GET /metrics answers; loopback only',
    check: listenProblem,
  },
} as const satisfies AgentFlags;
export type MetricsExporterFlags = typeof METRICS_EXPORTER_FLAGS;

/** What tests change: the clocks. */
export type MetricsExporterSettings = Pick<ExporterDeps, 'now' | 'wallNow'>;

/** The StartAgent runAgent calls. */
export function metricsExporterAgent(settings: MetricsExporterSettings = {}): StartAgent<MetricsExporterFlags> {
  return async ({ nc, node, config, log, flags }) => {
    const listen = parseListen(flags.listen);
    // The flag's check ran already; this only narrows the type.
    if (typeof listen === 'string') throw new TypeError(`--listen: ${listen}`);
    const exporter = await createMetricsExporter({ ...settings, nc, node, config, log, listen });
    return { reload: async (next) => exporter.reload(next), stop: () => exporter.stop(), drained: () => exporter.drained() };
  };
}
