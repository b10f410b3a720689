#!/usr/bin/env node
// routerd-lease-watcher: watches the lease files the syncs read, publishes their changes on NATS.
import { runAgentProcess } from '@routerd/agent';
import { AGENT_NAME, startLeaseWatcher } from './start.js';

runAgentProcess({ name: AGENT_NAME, start: (context) => startLeaseWatcher(context) });
