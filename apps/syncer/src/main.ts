#!/usr/bin/env node
// routerd-syncer: pushes lease files to the standby while the `when` gate holds.
import { runAgentProcess } from '@routerd/agent';
import { runtimeDirs } from '@routerd/model';
import { createSyncer } from './syncer.js';

runAgentProcess('routerd-syncer', async ({ nc, node, config, log }) => createSyncer({ nc, node, config, log, dirs: runtimeDirs(process.env) }));
