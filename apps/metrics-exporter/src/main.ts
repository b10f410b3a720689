#!/usr/bin/env node
// routerd-metrics-exporter: Prometheus metrics of this router's lease syncs, VIP roles and DHCP promotions, on loopback.
import { runAgentProcess } from '@routerd/agent';
import { AGENT_NAME, METRICS_EXPORTER_FLAGS, metricsExporterAgent } from './index.js';

runAgentProcess({ name: AGENT_NAME, flags: METRICS_EXPORTER_FLAGS, start: metricsExporterAgent() });
