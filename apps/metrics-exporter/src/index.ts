// @routerd/metrics-exporter: Prometheus metrics from one router's bus. main.ts runs it; tests start it
// in-process through metricsExporterAgent or createMetricsExporter, and test the mapping through createRouterdMetrics.

export { AGENT_NAME, METRICS_EXPORTER_FLAGS, metricsExporterAgent } from './agent.js';
export type { MetricsExporterFlags, MetricsExporterSettings } from './agent.js';
export { createMetricsExporter } from './exporter.js';
export type { ExporterDeps, MetricsExporter } from './exporter.js';
export { ListenError, serveMetrics } from './http-endpoint.js';
export type { MetricsEndpoint } from './http-endpoint.js';
export { DEFAULT_LISTEN, listenProblem, parseListen } from './listen.js';
export type { ListenAddress } from './listen.js';
export { createRouterdMetrics, LAG_BUCKETS_S } from './metrics.js';
export type { MetricsOptions, RouterdMetrics } from './metrics.js';
