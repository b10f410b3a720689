// One way to define an agent's request/reply endpoint (NATS services API): its service, its subject
// on a node, what a request may ask and what the reply holds. Agents answer it with serveEndpoint,
// routerctl asks it with askEndpoint; neither writes the contract again.
import { z } from 'zod';
import { decode, type DecodeResult } from './codec.js';
import { ResourceNotFoundError } from './endpoint-errors.js';
import { nodeSchema } from './schemas/common.js';
import { SUBJECT_ROOT, type ServiceArea } from './subjects.js';
import { nodeToken } from './tokens.js';

/** The version every agent's service reports (`nats micro info`); the agents ship as one. */
export const SERVICE_VERSION = '0.1.0';

/** What a request may narrow the reply to; a request without either asks for every item. */
export interface ItemFilter {
  kind?: string | undefined;
  name?: string | undefined;
}

/** How an item is named in requests: its name, and its kind where the endpoint serves several. */
export interface ItemKey {
  kind?: string;
  name: string;
}

/** Every reply: `{ type: "<area>.<endpoint>", node, items }`. */
export interface EndpointReply<Item> {
  type: string;
  node: string;
  items: Item[];
}

export interface EndpointSpec<Req extends z.ZodType<ItemFilter, ItemFilter>, Item extends z.ZodType> {
  area: ServiceArea;
  /** The endpoint's name, the last subject token. */
  name: string;
  /** What the agent's service is, for `nats micro info`. */
  serviceDescription: string;
  /** What the endpoint answers and what a request may hold. */
  description: string;
  /** A strict object of optional filters (`kind`, `name`); it is titled "<Area><Name>Request" here. */
  request: Req;
  item: Item;
  /** What an item is, for messages when the request names no kind: "VirtualAddress", "lease sync". */
  noun: string;
  key(item: z.output<Item>): ItemKey;
}

export interface Endpoint<Req extends z.ZodType<ItemFilter, ItemFilter> = z.ZodType<ItemFilter, ItemFilter>, Item extends z.ZodType = z.ZodType> extends EndpointSpec<Req, Item> {
  /** The services API name `nats micro ls` shows: "routerd-<area>". */
  service: string;
  /** The reply's `type`: "<area>.<name>". */
  type: string;
  response: z.ZodType<EndpointReply<z.output<Item>>>;
  /** The services API group of the node: `routerd.<node>.<area>`. */
  group(node: string): string;
  /** `routerd.<node>.<area>.<name>`; throws SubjectError for a node that is not one token. */
  subject(node: string): string;
}

export type EndpointRequest<E extends Endpoint> = z.input<E['request']>;
export type EndpointItem<E extends Endpoint> = z.output<E['item']>;

function pascal(text: string): string {
  return text.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}

/** The endpoint `spec` describes, with its service name, reply type, titled schemas and subjects. */
export function defineEndpoint<Req extends z.ZodType<ItemFilter, ItemFilter>, Item extends z.ZodType>(spec: EndpointSpec<Req, Item>): Endpoint<Req, Item> {
  const title = `${pascal(spec.area)}${pascal(spec.name)}`;
  const type = `${spec.area}.${spec.name}`;
  const group = (node: string) => `${SUBJECT_ROOT}.${nodeToken(node)}.${spec.area}`;
  return {
    ...spec,
    request: spec.request.meta({ title: `${title}Request`, description: `${spec.description} An empty body means {}.` }),
    service: `routerd-${spec.area}`,
    type,
    response: z
      .strictObject({ type: z.literal(type), node: nodeSchema, items: z.array(spec.item) })
      .meta({ title: `${title}Response`, description: `{type, node, items}: the items of ${spec.area} that matched the request.` }),
    group,
    subject: (node) => `${group(node)}.${spec.name}`,
  };
}

function isEmpty(data: Uint8Array | string): boolean {
  return typeof data === 'string' ? data.trim() === '' : new TextDecoder().decode(data).trim() === '';
}

/** Decodes a request; an empty body (`nats req SUBJECT ''`) asks for every item. */
export function decodeRequest<E extends Endpoint>(endpoint: E, data: Uint8Array | string, subject: string): DecodeResult<z.output<E['request']>> {
  return decode(endpoint.request, isEmpty(data) ? '{}' : data, subject) as DecodeResult<z.output<E['request']>>;
}

/** Decodes a reply (routerctl, tests, tools). */
export function decodeReply<E extends Endpoint>(endpoint: E, data: Uint8Array | string, subject: string): DecodeResult<EndpointReply<EndpointItem<E>>> {
  return decode(endpoint.response, data, subject) as DecodeResult<EndpointReply<EndpointItem<E>>>;
}

/** What a request names, as messages write it: "DHCPv4ServerLeaseSync/lan-v4", "VirtualAddress/*". */
export function describeFilter(endpoint: Endpoint, filter: ItemFilter): string {
  return `${filter.kind ?? endpoint.noun}/${filter.name ?? '*'}`;
}

/**
 * The not-found rule: without a filter, every item (possibly none); with one, the items it matches,
 * and when none does, ResourceNotFoundError naming what was asked, the node and what there is.
 */
export function selectItems<E extends Endpoint>(endpoint: E, node: string, items: readonly EndpointItem<E>[], filter: ItemFilter): EndpointItem<E>[] {
  const matches = (item: EndpointItem<E>) => {
    const key = endpoint.key(item);
    return (filter.kind === undefined || key.kind === filter.kind) && (filter.name === undefined || key.name === filter.name);
  };
  const selected = items.filter(matches);
  if (selected.length > 0 || (filter.kind === undefined && filter.name === undefined)) return selected;
  const known = items.map((item) => endpoint.key(item)).map((key) => (key.kind === undefined ? key.name : `${key.kind}/${key.name}`));
  throw new ResourceNotFoundError(describeFilter(endpoint, filter), node, known);
}
