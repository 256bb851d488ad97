/** Which checks run on which kind. Each check looks at one object; see ./context.ts. */
import { apMtls } from './ap-mtls';
import { apRefs } from './ap-refs';
import type { ObjectCheck } from './context';
import { deploymentServices } from './deployments';
import { drHost } from './dr-host';
import { drMtls } from './dr-mtls';
import { drMultiMatch } from './dr-multimatch';
import { drSubsets } from './dr-subsets';
import { drTls } from './dr-tls';
import { exportToNamespaces } from './export-to';
import { gatewayCertificates } from './gw-certs';
import { gatewayMultiMatch } from './gw-multimatch';
import { sidecarDeprecated, vsDeprecated } from './deprecated';
import { gatewayPorts } from './gw-ports';
import { paMtls } from './pa-mtls';
import { apSelector, gatewaySelector, genericSelector } from './selectors';
import { seAddresses, seProtocolConflict } from './service-entries';
import { servicePorts } from './services';
import { multiMatch } from './multimatch';
import { sidecarAmbient, sidecarGlobalSelector, sidecarSelector } from './sidecars';
import { vsDestinationHosts } from './vs-destinations';
import { vsDuplicateHosts } from './vs-duplicate-hosts';
import { vsGateways } from './vs-gateways';
import { vsIngressNoEffect } from './vs-ingress';
import { vsMatches } from './vs-matches';
import { vsRoutes } from './vs-routes';
import { vsSubsetPresence } from './vs-subsets';

type AnyCheck = ObjectCheck<never>;
const list = (...checks: unknown[]) => checks as AnyCheck[];

export const CHECKS_BY_KIND: Record<string, AnyCheck[]> = {
  VirtualService: list(vsDestinationHosts, vsSubsetPresence, vsGateways, vsRoutes, vsMatches, vsDuplicateHosts, vsIngressNoEffect, vsDeprecated, exportToNamespaces),
  DestinationRule: list(drHost, drSubsets, drMultiMatch, drTls, drMtls, exportToNamespaces),
  Gateway: list(gatewaySelector, gatewayPorts, gatewayMultiMatch, gatewayCertificates),
  ServiceEntry: list(seAddresses, seProtocolConflict, exportToNamespaces),
  Sidecar: list(sidecarSelector, multiMatch, sidecarAmbient, sidecarGlobalSelector, sidecarDeprecated),
  PeerAuthentication: list(paMtls, genericSelector, multiMatch),
  RequestAuthentication: list(genericSelector, multiMatch),
  AuthorizationPolicy: list(apSelector, apRefs, apMtls),
  Service: list(servicePorts),
  Deployment: list(deploymentServices),
};

/** The check ids each check function can emit (the conformance test scopes findings to one rule with it). */
export const CHECK_IDS_BY_RULE = {
  vsDestinationHosts: ['virtualservices.nohost.hostnotfound', 'virtualservices.nohost.portnotfound', 'virtualservices.destination.portrequired'],
  vsSubsetPresence: ['virtualservices.subsetpresent.subsetnotfound'],
  vsGateways: ['virtualservices.nogateway', 'virtualservices.gateway.internal', 'virtualservices.gateway.oldnomenclature', 'virtualservices.gateway.hostnotfound'],
  vsIngressNoEffect: ['virtualservices.ingress.noeffect'],
  vsMatches: ['virtualservices.route.unreachable', 'virtualservices.match.ineffective'],
  /** Not a check function: the schema validation the runner does itself. */
  schema: ['generic.schema'],
  deploymentServices: ['deployment.multiservice.protocol', 'deployment.multiservice.targetport'],
  gatewayCertificates: ['gateways.duplicatecertificate'],
  vsDeprecated: ['generic.deprecated'],
  sidecarDeprecated: ['generic.deprecated'],
  servicePorts: ['service.portname.convention', 'service.externalname.portname'],
  vsRoutes: ['virtualservices.route.singleweight', 'virtualservices.route.weightsum', 'virtualservices.route.repeatedsubset'],
  vsDuplicateHosts: ['virtualservices.meshgateway.conflict', 'virtualservices.singlehost'],
  exportToNamespaces: ['generic.exportto.namespacenotfound'],
  drHost: ['destinationrules.nodest.matchingregistry'],
  drSubsets: ['destinationrules.nodest.subsetlabels', 'destinationrules.nodest.subsetnolabels'],
  drMultiMatch: ['destinationrules.multimatch'],
  drTls: ['destinationrules.tls.nocacert', 'destinationrules.tls.nocacert.port'],
  drMtls: ['destinationrules.mtls.policymtlsenabled', 'destinationrules.mtls.meshpolicymtlsenabled'],
  gatewaySelector: ['gateways.selector'],
  gatewayPorts: ['gateways.port.notonservice'],
  gatewayMultiMatch: ['gateways.multimatch'],
  seAddresses: ['serviceentries.addressesrequired'],
  seProtocolConflict: ['serviceentries.port.protocol.conflict'],
  genericSelector: ['generic.selector.workloadnotfound'],
  sidecarGlobalSelector: ['sidecar.global.selector'],
  sidecarSelector: ['sidecar.selector.workloadnotfound'],
  sidecarAmbient: ['sidecar.ambient.ineffective'],
  multiMatch: ['generic.multimatch.selectorless', 'generic.multimatch.selector'],
  paMtls: [
    'peerauthentications.mtls.disablemeshdestinationrulemissing',
    'peerauthentications.mtls.disabledestinationrulemissing',
    'peerauthentication.mtls.destinationrulemissing',
    'peerauthentications.mtls.destinationrulemissing',
  ],
  apSelector: ['authorizationpolicy.nomeshworkload'],
  apRefs: ['authorizationpolicy.source.namespacenotfound', 'authorizationpolicy.source.principalnotfound', 'authorizationpolicy.source.principalforeign', 'authorizationpolicy.to.wrongmethod'],
  apMtls: ['authorizationpolicy.mtls.needstobeenabled'],
} as const;
