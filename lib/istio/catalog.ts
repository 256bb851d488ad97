/**
 * The catalogue of checks: one entry per check id with its stable code, default severity and message.
 *
 * Codes: Kiali's KIA code where Kiali has the check, istioctl's IST code where only istioctl has it,
 * MSC (Meshscope) where neither has it. `aka` lists the other tool's code for the same problem (used by
 * the conformance test and shown in the UI). Severity is ours: where it differs from Kiali's or
 * istioctl's, `note` says why.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface CheckDescriptor {
  code: string;
  severity: Severity;
  title: string;
  /** The other tool's code for the same problem, if any. */
  aka?: string;
  note?: string;
}

export const CATALOG = {
  // ---- loading and schema
  'yaml.syntax': { code: 'MSC0001', severity: 'error', title: 'YAML/JSON syntax error; the document was not read' },
  'yaml.notobject': { code: 'MSC0002', severity: 'error', title: 'Document is not a Kubernetes object' },
  'yaml.read': { code: 'MSC0006', severity: 'error', title: 'File could not be read' },
  'generic.unknownkind': { code: 'MSC0003', severity: 'info', title: 'Unknown kind; not validated' },
  'generic.duplicate': { code: 'MSC0004', severity: 'warning', title: 'Object defined more than once; the last definition wins' },
  'generic.schema': { code: 'IST0106', severity: 'error', title: 'Schema validation error' },
  'generic.exportto.namespacenotfound': { code: 'KIA0005', severity: 'error', title: 'No matching namespace found or namespace is not accessible' },
  'generic.selector.workloadnotfound': { code: 'KIA0004', severity: 'warning', title: 'No matching workload found for the selector in this namespace', aka: 'IST0127' },
  'generic.multimatch.selectorless': { code: 'KIA0002', severity: 'error', title: 'More than one selector-less object in the same namespace', aka: 'IST0111' },
  'generic.multimatch.selector': { code: 'KIA0003', severity: 'error', title: 'More than one object applied to the same workload', aka: 'IST0110' },

  'generic.deprecated': { code: 'IST0002', severity: 'info', title: 'Deprecated field; it may stop working in a later Istio release' },

  // ---- VirtualService
  'virtualservices.nohost.hostnotfound': { code: 'KIA1101', severity: 'error', title: "Destination host doesn't match any Service or ServiceEntry visible from this namespace", aka: 'IST0101' },
  'virtualservices.nohost.portnotfound': { code: 'IST0101', severity: 'error', title: 'Destination port is not a port of the destination service' },
  'virtualservices.destination.portrequired': {
    code: 'IST0112',
    severity: 'warning',
    title: 'Destination service exposes several ports; this destination names none',
    note: 'istioctl says Error; for mesh routes Envoy uses the port of the request (info), gateway routes need it (error)',
  },
  'virtualservices.nogateway': { code: 'KIA1102', severity: 'error', title: 'VirtualService is pointing to a non-existent gateway', aka: 'IST0101' },
  'virtualservices.gateway.oldnomenclature': { code: 'KIA1108', severity: 'info', title: 'Preferred nomenclature: <gateway namespace>/<gateway name>' },
  'virtualservices.gateway.hostnotfound': { code: 'IST0132', severity: 'warning', title: "No host of this VirtualService is among the gateway's server hosts; the gateway ignores it" },
  'virtualservices.gateway.internal': { code: 'IST0165', severity: 'warning', title: 'VirtualService refers to an internal gateway generated from a Kubernetes Gateway; the name can change' },
  'virtualservices.ingress.noeffect': {
    code: 'IST0140',
    severity: 'info',
    title: 'Subset routing of the mesh VirtualService for this host does not apply to traffic from this gateway route',
  },
  'virtualservices.route.unreachable': { code: 'IST0130', severity: 'warning', title: 'This route rule is never used: an earlier rule already takes all of its requests' },
  'virtualservices.match.ineffective': { code: 'IST0131', severity: 'warning', title: 'This match never applies: an earlier match already covers it' },
  'virtualservices.route.singleweight': { code: 'KIA1104', severity: 'warning', title: 'The weight is assumed to be 100 because there is only one route destination' },
  'virtualservices.route.weightsum': { code: 'MSC0005', severity: 'warning', title: 'Route weights do not add up to 100; Istio scales them' },
  'virtualservices.route.repeatedsubset': { code: 'KIA1105', severity: 'warning', title: 'This host subset combination is already referenced in another route destination' },
  'virtualservices.singlehost': { code: 'KIA1106', severity: 'warning', title: 'More than one VirtualService for the same host on the same gateway; Istio merges them in an undefined order' },
  'virtualservices.meshgateway.conflict': {
    code: 'IST0109',
    severity: 'error',
    title: 'More than one VirtualService for the same host on the mesh gateway; sidecars use only one of them',
    aka: 'KIA1106',
  },
  'virtualservices.subsetpresent.subsetnotfound': {
    code: 'KIA1107',
    severity: 'error',
    title: 'Subset not found in any DestinationRule visible from this namespace',
    aka: 'IST0101',
    note: 'Kiali says warning; traffic to an undefined subset fails with 503 NR, so it is an error here',
  },

  // ---- DestinationRule
  'destinationrules.nodest.matchingregistry': { code: 'KIA0202', severity: 'error', title: 'This host has no matching entry in the service registry (service, workload or service entries)', aka: 'IST0174' },
  'destinationrules.nodest.subsetlabels': {
    code: 'KIA0203',
    severity: 'error',
    title: "This subset's labels are not found in any matching host",
    aka: 'IST0173',
    note: 'error when a route uses the subset; a warning when none does (a canary not yet deployed); Kiali says unknown then',
  },
  'destinationrules.nodest.subsetnolabels': { code: 'KIA0209', severity: 'warning', title: 'This subset has no labels; it selects every endpoint of the host' },
  'destinationrules.multimatch': { code: 'KIA0201', severity: 'warning', title: 'More than one DestinationRule for the same host subset combination' },
  'destinationrules.mtls.meshpolicymissing': { code: 'KIA0205', severity: 'error', title: 'PeerAuthentication enabling mTLS at mesh level is missing' },
  'destinationrules.mtls.nspolicymissing': { code: 'KIA0206', severity: 'error', title: 'PeerAuthentication enabling namespace-wide mTLS is missing' },
  'destinationrules.mtls.policymtlsenabled': { code: 'KIA0207', severity: 'error', title: 'PeerAuthentication with TLS strict mode found, it should be permissive' },
  'destinationrules.mtls.meshpolicymtlsenabled': { code: 'KIA0208', severity: 'error', title: 'PeerAuthentication enabling mTLS found, permissive mode needed' },
  'destinationrules.tls.nocacert': {
    code: 'IST0128',
    severity: 'info',
    title: 'TLS mode SIMPLE/MUTUAL without caCertificates: the server certificate is checked against the proxy\'s OS trust store only',
    note: 'istioctl says Warning; since Istio 1.20 VERIFY_CERTIFICATE_AT_CLIENT makes the proxy verify against the OS trust store, so it is a note',
  },
  'destinationrules.tls.nocacert.port': {
    code: 'IST0129',
    severity: 'info',
    title: 'Port-level TLS mode SIMPLE/MUTUAL without caCertificates: the server certificate is checked against the proxy\'s OS trust store only',
    note: 'as IST0128',
  },

  // ---- Gateway
  'gateways.selector': { code: 'KIA0302', severity: 'warning', title: 'No workload matches this gateway selector', aka: 'IST0101' },
  'gateways.port.notonservice': { code: 'IST0162', severity: 'warning', title: "Gateway port is not a (target) port of the Service in front of the gateway's workloads" },
  'gateways.multimatch': { code: 'KIA0301', severity: 'warning', title: 'More than one Gateway for the same host port combination on the same workloads', aka: 'IST0145' },
  'gateways.duplicatecertificate': { code: 'IST0138', severity: 'warning', title: 'Duplicate certificate in several gateways may cause 404s when clients reuse HTTP/2 connections' },

  // ---- ServiceEntry
  'serviceentries.addressesrequired': { code: 'IST0134', severity: 'warning', title: 'ServiceEntry addresses are required for this protocol (TCP or unset)' },
  'serviceentries.port.protocol.conflict': { code: 'KIA1212', severity: 'warning', title: 'ServiceEntries have conflicting protocols for the same host and port', aka: 'IST0177' },

  // ---- Kubernetes Service
  'service.portname.convention': { code: 'IST0118', severity: 'info', title: "Port name does not follow Istio's <protocol>[-suffix] convention; Istio detects the protocol" },
  'service.externalname.portname': {
    code: 'IST0150',
    severity: 'warning',
    title: 'Port name of an ExternalName Service is not a non-TCP protocol; the proxy may not forward its TCP traffic correctly',
  },

  'deployment.multiservice.protocol': { code: 'IST0116', severity: 'warning', title: 'Services selecting this workload use the same port with different protocols' },
  'deployment.multiservice.targetport': { code: 'IST0137', severity: 'warning', title: 'Services selecting this workload map different ports to the same target port' },

  // ---- Sidecar
  'sidecar.global.selector': { code: 'KIA1006', severity: 'warning', title: 'Global default sidecar should not have workloadSelector' },
  'sidecar.selector.workloadnotfound': { code: 'KIA0004', severity: 'warning', title: 'No matching workload found for the Sidecar selector in this namespace', aka: 'IST0101' },
  'sidecar.ambient.ineffective': { code: 'IST0167', severity: 'warning', title: 'The Sidecar has no effect: the namespace uses ambient mode, which has no sidecars' },
  'sidecar.egress.servicenotfound': { code: 'KIA1004', severity: 'warning', title: 'This host has no matching entry in the service registry' },

  // ---- PeerAuthentication
  'peerauthentication.mtls.destinationrulemissing': { code: 'KIA0401', severity: 'error', title: 'Mesh-wide Destination Rule enabling mTLS is missing' },
  'peerauthentications.mtls.destinationrulemissing': { code: 'KIA0501', severity: 'error', title: 'Destination Rule enabling namespace-wide mTLS is missing' },
  'peerauthentications.mtls.disabledestinationrulemissing': { code: 'KIA0505', severity: 'error', title: 'Destination Rule disabling namespace-wide mTLS is missing' },
  'peerauthentications.mtls.disablemeshdestinationrulemissing': { code: 'KIA0506', severity: 'error', title: 'Destination Rule disabling mesh-wide mTLS is missing' },

  // ---- AuthorizationPolicy
  'authorizationpolicy.source.namespacenotfound': { code: 'KIA0101', severity: 'warning', title: 'Namespace not found for this rule', aka: 'IST0101' },
  'authorizationpolicy.to.wrongmethod': { code: 'KIA0102', severity: 'warning', title: 'Only HTTP methods and Istio wildcards are allowed' },
  'authorizationpolicy.mtls.needstobeenabled': { code: 'KIA0105', severity: 'error', title: 'This field requires mTLS to be enabled' },
  'authorizationpolicy.source.principalnotfound': { code: 'KIA0106', severity: 'error', title: 'Service Account not found for this principal' },
  'authorizationpolicy.source.principalforeign': { code: 'KIA0108', severity: 'warning', title: 'Unable to verify principal, trust domain is not known' },
  'authorizationpolicy.nomeshworkload': { code: 'IST0127', severity: 'warning', title: 'No workload in the mesh is covered by this policy' },
} as const satisfies Record<string, CheckDescriptor>;

export type CheckId = keyof typeof CATALOG;

export function descriptor(id: CheckId): CheckDescriptor {
  return CATALOG[id];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };
