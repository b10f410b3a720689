#!/usr/bin/env node
// routerd-syncer: pushes lease files to the standby while the `when` gate holds.
import { runAgentProcess } from '@routerd/agent';
import { AGENT_NAME, syncerAgent } from './index.js';

runAgentProcess({ name: AGENT_NAME, start: syncerAgent() });
