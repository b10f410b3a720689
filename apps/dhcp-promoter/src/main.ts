#!/usr/bin/env node
// routerd-dhcp-promoter: starts this node's DHCP server when it becomes master, stops it while backup, until SIGTERM.
import { runAgentProcess } from '@routerd/agent';
import { AGENT_NAME, dhcpPromoterAgent } from './index.js';

runAgentProcess({ name: AGENT_NAME, start: dhcpPromoterAgent() });
