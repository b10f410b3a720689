import { describe, expect, it } from 'vitest';
import { AskError, BadReplyError, NoResponderError, RequestFailedError, RequestTimeoutError, ResourceNotFoundError, ServiceReplyError } from './endpoint-errors.js';
import { BusError } from './errors.js';

describe('endpoint errors', () => {
  it('endpoint errors › each way of failing has its own name and keeps its subject', () => {
    const subject = 'routerd.r1.syncer.status';
    for (const [error, name] of [
      [new NoResponderError(subject, 'm'), 'NoResponderError'],
      [new RequestTimeoutError(subject, 'm'), 'RequestTimeoutError'],
      [new RequestFailedError(subject, 'm'), 'RequestFailedError'],
      [new BadReplyError(subject, 'm'), 'BadReplyError'],
      [new ServiceReplyError(subject, 500, 'm'), 'ServiceReplyError'],
    ] as const) {
      expect(error).toBeInstanceOf(AskError);
      expect(error).toBeInstanceOf(BusError);
      expect({ name: error.name, subject: error.subject }).toEqual({ name, subject });
    }
    expect(new ServiceReplyError(subject, 400, 'm').code).toBe(400);
  });

  it('endpoint errors › not found names the resource and the node, and what the agent has when it lists it', () => {
    expect(new ResourceNotFoundError('VirtualAddress/x', 'r1').message).toBe('no VirtualAddress/x on node r1');
    expect(new ResourceNotFoundError('VirtualAddress/x', 'r1', []).message).toBe('no VirtualAddress/x on node r1; known: none');
    expect(new ResourceNotFoundError('lease sync/x', 'r1', ['DHCPv4ServerLeaseSync/a']).message).toBe('no lease sync/x on node r1; known: DHCPv4ServerLeaseSync/a');
  });
});
