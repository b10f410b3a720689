// Subject tokens: node names as given, resource names with "." mapped to "_" so they stay one token.

/** Node names are one NATS token: letters, digits, "_" and "-" (the agents use the short host name). */
export const NODE_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Resource names on the bus: letters, digits, "-" and "." (never "_", so the mapping is injective). */
export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9.-]+$/;
/** Kind tokens: a letter, then letters and digits ("DHCPv4Server"). */
export const KIND_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;

const NAME_TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;

export class SubjectError extends Error {
  override name = 'SubjectError';
}

/** Why a node name cannot be a subject token, or undefined when it can. */
export function nodeProblem(node: string): string | undefined {
  if (NODE_PATTERN.test(node)) return undefined;
  return `expected a node name of letters, digits, "_" and "-" (one NATS subject token), found ${JSON.stringify(node)}`;
}

/** Why a resource name cannot be put on the bus, or undefined when it can. */
export function resourceNameProblem(name: string): string | undefined {
  if (RESOURCE_NAME_PATTERN.test(name)) return undefined;
  return `expected a resource name of letters, digits, "-" and "." (no "_"), found ${JSON.stringify(name)}`;
}

/** The node as a subject token; throws SubjectError naming the value when it is not one. */
export function nodeToken(node: string): string {
  const problem = nodeProblem(node);
  if (problem !== undefined) throw new SubjectError(`node: ${problem}`);
  return node;
}

/** A kind as a subject token; throws SubjectError naming the value when it is not one. */
export function kindToken(kind: string): string {
  if (KIND_PATTERN.test(kind)) return kind;
  throw new SubjectError(`kind: expected a kind like "DHCPv4Server", found ${JSON.stringify(kind)}`);
}

/** A resource name as a subject token: "lan.v4" becomes "lan_v4". */
export function encodeNameToken(name: string): string {
  const problem = resourceNameProblem(name);
  if (problem !== undefined) throw new SubjectError(`name: ${problem}`);
  return name.replaceAll('.', '_');
}

/** The resource name a subject token stands for: "lan_v4" becomes "lan.v4". */
export function decodeNameToken(token: string): string {
  if (!NAME_TOKEN_PATTERN.test(token)) {
    throw new SubjectError(`name token: expected letters, digits, "_" and "-", found ${JSON.stringify(token)}`);
  }
  return token.replaceAll('_', '.');
}
