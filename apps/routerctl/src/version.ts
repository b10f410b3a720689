// routerctl's version is the one every agent's service reports (`nats micro info`): the product
// ships as one, so @routerd/bus holds the single definition.
import { SERVICE_VERSION } from '@routerd/bus';

export const VERSION: string = SERVICE_VERSION;
