#!/usr/bin/env node
// routerd-lease-watcher: watches the lease files the syncs read, publishes their changes on NATS.
import { runAgentProcess } from '@routerd/agent';
import { AGENT_NAME, leaseWatcherAgent } from './index.js';

runAgentProcess({ name: AGENT_NAME, start: leaseWatcherAgent() });
