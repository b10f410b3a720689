#!/usr/bin/env node
// routerd-vip-watcher: publishes the role of each VirtualAddress until SIGTERM.
import { runAgentProcess } from '@routerd/agent';
import { AGENT_NAME, VIP_WATCHER_FLAGS, vipWatcherAgent } from './index.js';

runAgentProcess({ name: AGENT_NAME, flags: VIP_WATCHER_FLAGS, start: vipWatcherAgent() });
