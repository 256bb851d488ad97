/** Which checks run on which kind. Each check looks at one object; see ./context.ts. */
import type { ObjectCheck } from './context';
import { vsDestinationHosts } from './vs-destinations';
import { vsDuplicateHosts } from './vs-duplicate-hosts';
import { vsGateways } from './vs-gateways';
import { vsRoutes } from './vs-routes';
import { vsSubsetPresence } from './vs-subsets';

export const CHECKS_BY_KIND: Record<string, ObjectCheck<never>[]> = {
  VirtualService: [vsDestinationHosts, vsSubsetPresence, vsGateways, vsRoutes, vsDuplicateHosts] as ObjectCheck<never>[],
};
