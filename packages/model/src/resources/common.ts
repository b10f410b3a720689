// Pieces every resource shares: the envelope, names and references.
import { z } from 'zod';

export const RESOURCE_API_VERSION = 'net.routerd.net/v1alpha1';
export const ROUTER_API_VERSION = 'routerd.net/v1alpha1';

// Kubernetes-style object names: lower-case letters, digits, "-" and ".", 63 characters at most.
export const nameSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, 'expected a name of lower-case letters, digits, "-" and "." (at most 63, starting and ending alphanumeric)')
  .meta({ description: 'Resource name, unique per kind.' });

export const metadataSchema = z.strictObject({
  name: nameSchema,
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** A reference to another resource by name (the kind is implied by the field). */
export const refSchema = z.string().min(1, 'expected the name of a resource');

export const ipv4Schema = z.ipv4({ message: 'expected an IPv4 address' });
export const ipv6Schema = z.ipv6({ message: 'expected an IPv6 address' });

export const pathSchema = z
  .string()
  .regex(/^\/[^\0\n\r]*$/, 'expected an absolute path without newlines')
  .meta({ description: 'Absolute path.' });

export function envelope<K extends string, S extends z.ZodType>(kind: K, spec: S, description: string) {
  return z
    .strictObject({
      apiVersion: z.literal(RESOURCE_API_VERSION),
      kind: z.literal(kind),
      metadata: metadataSchema,
      spec,
    })
    .meta({ id: kind, title: kind, description });
}
