#!/usr/bin/env node
// routerd-syncer: pushes lease files to the standby while the `when` gate holds.
import { runAgentProcess } from '@routerd/agent';
import { createSyncer } from './syncer.js';

runAgentProcess({ name: 'routerd-syncer', start: ({ nc, node, config, log, dirs }) => createSyncer({ nc, node, config, log, dirs }) });
