#!/usr/bin/env node
// routerd-dhcp-promoter: starts this node's DHCP server when it becomes master, stops it while backup, until SIGTERM.
import { runAgentProcess } from '@routerd/agent';
import { dhcpPromoterAgent } from './agent.js';

runAgentProcess({ name: 'routerd-dhcp-promoter', start: dhcpPromoterAgent() });
