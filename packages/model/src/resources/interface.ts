import { z } from 'zod';
import { envelope } from './common.js';

export const interfaceSpecSchema = z.strictObject({
  ifname: z
    .string()
    .regex(/^[^\s/:]{1,15}$/, 'expected a Linux interface name (1 to 15 characters, no whitespace, "/" or ":")')
    .meta({ description: 'Kernel interface name, e.g. "eth1".' }),
  adminUp: z.boolean().optional(),
  mtu: z.int().min(576).max(9216).optional(),
  managed: z.boolean().optional(),
  owner: z.enum(['routerd', 'external']).optional(),
});

export const interfaceSchema = envelope('Interface', interfaceSpecSchema, 'A network interface the other resources refer to by name.');
export type InterfaceResource = z.infer<typeof interfaceSchema>;
