#!/usr/bin/env node
// routerd-vip-watcher: publishes the role of each VirtualAddress until SIGTERM.
import { runAgentProcess } from '@routerd/agent';
import { vipWatcherAgent } from './agent.js';
import { VIP_WATCHER_FLAGS } from './options.js';

runAgentProcess({ name: 'routerd-vip-watcher', flags: VIP_WATCHER_FLAGS, start: vipWatcherAgent() });
