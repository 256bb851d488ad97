/**
 * The typed model of the Istio and Kubernetes objects Meshscope validates.
 *
 * Each spec is a zod schema that mirrors the Istio API reference (networking.istio.io v1/v1beta1/v1alpha3,
 * security.istio.io v1/v1beta1); the TypeScript types are inferred from them. Schemas are strict on the
 * levels where an unknown field is a real mistake Istio's webhook would reject (route, destination, match,
 * subset, server, port, rule, source, operation…) and loose on deep leaves (load balancer tuning,
 * CORS, …) so an incomplete copy of the API never raises a false "unknown field".
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const str = z.string();
const strList = z.array(z.string());
const labels = z.record(z.string(), z.string());
const intOrString = z.union([z.number().int(), z.string()]);
/** A protobuf Duration in YAML: "5s", "100ms", "1.5s". */
const duration = z.string().regex(/^\d+(\.\d+)?(h|m|s|ms|us|µs|ns)$/, 'must be a duration like "5s" or "100ms"');
const percent = z.strictObject({ value: z.number().min(0).max(100) });
const loose = z.looseObject({});

export const StringMatchSchema = z.union([
  z.strictObject({ exact: str }),
  z.strictObject({ prefix: str }),
  z.strictObject({ regex: str }),
]);

export const PortSelectorSchema = z.strictObject({ number: z.number().int().min(0).max(65535) });

export const DestinationSchema = z.strictObject({
  host: str,
  subset: str.optional(),
  port: PortSelectorSchema.optional(),
});
export type Destination = z.infer<typeof DestinationSchema>;

const HeadersSchema = z.strictObject({
  request: z.strictObject({ set: labels.optional(), add: labels.optional(), remove: strList.optional() }).optional(),
  response: z.strictObject({ set: labels.optional(), add: labels.optional(), remove: strList.optional() }).optional(),
});

const WorkloadSelectorSchema = z.strictObject({ matchLabels: labels.optional() });
const PolicyTargetReferenceSchema = z.strictObject({
  group: str.optional(),
  kind: str,
  name: str,
  namespace: str.optional(),
});

// ---------------------------------------------------------------------------------------------
// networking.istio.io: VirtualService

export const HTTPMatchRequestSchema = z.strictObject({
  name: str.optional(),
  uri: StringMatchSchema.optional(),
  scheme: StringMatchSchema.optional(),
  method: StringMatchSchema.optional(),
  authority: StringMatchSchema.optional(),
  headers: z.record(z.string(), StringMatchSchema).optional(),
  port: z.number().int().optional(),
  sourceLabels: labels.optional(),
  gateways: strList.optional(),
  queryParams: z.record(z.string(), StringMatchSchema).optional(),
  ignoreUriCase: z.boolean().optional(),
  withoutHeaders: z.record(z.string(), StringMatchSchema).optional(),
  sourceNamespace: str.optional(),
  statPrefix: str.optional(),
});
export type HTTPMatchRequest = z.infer<typeof HTTPMatchRequestSchema>;

export const HTTPRouteDestinationSchema = z.strictObject({
  // Required by Istio; optional here so an empty entry (`- {}`) reaches the host check (IST0101 host "").
  destination: DestinationSchema.optional(),
  weight: z.number().int().min(0).optional(),
  headers: HeadersSchema.optional(),
});
export type HTTPRouteDestination = z.infer<typeof HTTPRouteDestinationSchema>;

const FaultSchema = z.strictObject({
  delay: z
    .strictObject({
      fixedDelay: duration.optional(),
      exponentialDelay: duration.optional(),
      percentage: percent.optional(),
      percent: z.number().int().optional(),
    })
    .optional(),
  abort: z
    .strictObject({
      httpStatus: z.number().int().min(200).max(599).optional(),
      grpcStatus: str.optional(),
      http2Error: str.optional(),
      percentage: percent.optional(),
    })
    .optional(),
});

export const HTTPRouteSchema = z.strictObject({
  name: str.optional(),
  match: z.array(HTTPMatchRequestSchema).optional(),
  route: z.array(HTTPRouteDestinationSchema).optional(),
  redirect: z
    .strictObject({
      uri: str.optional(),
      authority: str.optional(),
      port: z.number().int().optional(),
      derivePort: z.enum(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']).optional(),
      scheme: str.optional(),
      redirectCode: z.number().int().optional(),
    })
    .optional(),
  directResponse: z.strictObject({ status: z.number().int(), body: loose.optional() }).optional(),
  delegate: z.strictObject({ name: str, namespace: str.optional() }).optional(),
  rewrite: z
    .strictObject({ uri: str.optional(), authority: str.optional(), uriRegexRewrite: z.strictObject({ match: str, rewrite: str }).optional() })
    .optional(),
  timeout: duration.optional(),
  retries: z
    .strictObject({
      attempts: z.number().int().min(0).optional(),
      perTryTimeout: duration.optional(),
      retryOn: str.optional(),
      retryRemoteLocalities: z.boolean().optional(),
      retryIgnorePreviousHosts: z.boolean().optional(),
      backoff: duration.optional(),
    })
    .optional(),
  fault: FaultSchema.optional(),
  mirror: DestinationSchema.optional(),
  mirrors: z.array(z.strictObject({ destination: DestinationSchema, percentage: percent.optional() })).optional(),
  mirrorPercentage: percent.optional(),
  mirror_percent: z.number().int().optional(),
  mirrorPercent: z.number().int().optional(),
  corsPolicy: loose.optional(),
  headers: HeadersSchema.optional(),
});
export type HTTPRoute = z.infer<typeof HTTPRouteSchema>;

export const RouteDestinationSchema = z.strictObject({ destination: DestinationSchema, weight: z.number().int().min(0).optional() });
export type RouteDestination = z.infer<typeof RouteDestinationSchema>;

export const TLSRouteSchema = z.strictObject({
  match: z
    .array(
      z.strictObject({
        sniHosts: strList,
        destinationSubnets: strList.optional(),
        port: z.number().int().optional(),
        sourceLabels: labels.optional(),
        gateways: strList.optional(),
        sourceNamespace: str.optional(),
      }),
    )
    .optional(),
  route: z.array(RouteDestinationSchema).optional(),
});
export type TLSRoute = z.infer<typeof TLSRouteSchema>;

export const TCPRouteSchema = z.strictObject({
  match: z
    .array(
      z.strictObject({
        destinationSubnets: strList.optional(),
        port: z.number().int().optional(),
        sourceSubnet: str.optional(),
        sourceLabels: labels.optional(),
        gateways: strList.optional(),
        sourceNamespace: str.optional(),
      }),
    )
    .optional(),
  route: z.array(RouteDestinationSchema).optional(),
});
export type TCPRoute = z.infer<typeof TCPRouteSchema>;

export const VirtualServiceSpecSchema = z.strictObject({
  hosts: strList.optional(),
  gateways: strList.optional(),
  http: z.array(HTTPRouteSchema).optional(),
  tls: z.array(TLSRouteSchema).optional(),
  tcp: z.array(TCPRouteSchema).optional(),
  exportTo: strList.optional(),
});
export type VirtualServiceSpec = z.infer<typeof VirtualServiceSpecSchema>;

// ---------------------------------------------------------------------------------------------
// networking.istio.io: DestinationRule

export const ClientTLSSettingsSchema = z.strictObject({
  mode: z.enum(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']).optional(),
  clientCertificate: str.optional(),
  privateKey: str.optional(),
  caCertificates: str.optional(),
  credentialName: str.optional(),
  subjectAltNames: strList.optional(),
  sni: str.optional(),
  insecureSkipVerify: z.boolean().optional(),
  caCrl: str.optional(),
});
export type ClientTLSSettings = z.infer<typeof ClientTLSSettingsSchema>;

const PortTrafficPolicySchema = z.strictObject({
  port: PortSelectorSchema.optional(),
  loadBalancer: loose.optional(),
  connectionPool: loose.optional(),
  outlierDetection: loose.optional(),
  tls: ClientTLSSettingsSchema.optional(),
});

export const TrafficPolicySchema = z.strictObject({
  loadBalancer: loose.optional(),
  connectionPool: loose.optional(),
  outlierDetection: loose.optional(),
  tls: ClientTLSSettingsSchema.optional(),
  portLevelSettings: z.array(PortTrafficPolicySchema).optional(),
  tunnel: loose.optional(),
  proxyProtocol: loose.optional(),
  retryBudget: loose.optional(),
});
export type TrafficPolicy = z.infer<typeof TrafficPolicySchema>;

export const SubsetSchema = z.strictObject({ name: str, labels: labels.optional(), trafficPolicy: TrafficPolicySchema.optional() });
export type Subset = z.infer<typeof SubsetSchema>;

export const DestinationRuleSpecSchema = z.strictObject({
  host: str,
  trafficPolicy: TrafficPolicySchema.optional(),
  subsets: z.array(SubsetSchema).optional(),
  exportTo: strList.optional(),
  workloadSelector: WorkloadSelectorSchema.optional(),
});
export type DestinationRuleSpec = z.infer<typeof DestinationRuleSpecSchema>;

// ---------------------------------------------------------------------------------------------
// networking.istio.io: Gateway

export const GatewayPortSchema = z.strictObject({
  number: z.number().int().min(0).max(65535),
  protocol: str.optional(),
  name: str.optional(),
  targetPort: z.number().int().optional(),
});

export const ServerSchema = z.strictObject({
  port: GatewayPortSchema,
  bind: str.optional(),
  hosts: strList,
  tls: z
    .strictObject({
      httpsRedirect: z.boolean().optional(),
      mode: z.enum(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']).optional(),
      serverCertificate: str.optional(),
      privateKey: str.optional(),
      caCertificates: str.optional(),
      credentialName: str.optional(),
      credentialNames: strList.optional(),
      tlsCertificates: z.array(loose).optional(),
      subjectAltNames: strList.optional(),
      verifyCertificateSpki: strList.optional(),
      verifyCertificateHash: strList.optional(),
      minProtocolVersion: str.optional(),
      maxProtocolVersion: str.optional(),
      cipherSuites: strList.optional(),
      caCrl: str.optional(),
    })
    .optional(),
  defaultEndpoint: str.optional(),
  name: str.optional(),
});
export type Server = z.infer<typeof ServerSchema>;

export const GatewaySpecSchema = z.strictObject({ servers: z.array(ServerSchema).optional(), selector: labels.optional() });
export type GatewaySpec = z.infer<typeof GatewaySpecSchema>;

// ---------------------------------------------------------------------------------------------
// networking.istio.io: ServiceEntry, Sidecar

export const ServicePortSchema = z.strictObject({
  number: z.number().int().min(0).max(65535),
  protocol: str.optional(),
  name: str.optional(),
  targetPort: z.number().int().optional(),
});

export const WorkloadEntrySpecSchema = z.strictObject({
  address: str.optional(),
  ports: z.record(z.string(), z.number().int()).optional(),
  labels: labels.optional(),
  network: str.optional(),
  locality: str.optional(),
  weight: z.number().int().optional(),
  serviceAccount: str.optional(),
});

export const ServiceEntrySpecSchema = z.strictObject({
  hosts: strList,
  addresses: strList.optional(),
  ports: z.array(ServicePortSchema).optional(),
  location: z.enum(['MESH_EXTERNAL', 'MESH_INTERNAL']).optional(),
  resolution: z.enum(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']).optional(),
  endpoints: z.array(WorkloadEntrySpecSchema).optional(),
  workloadSelector: z.strictObject({ labels: labels.optional() }).optional(),
  exportTo: strList.optional(),
  subjectAltNames: strList.optional(),
  trafficDistribution: str.optional(),
});
export type ServiceEntrySpec = z.infer<typeof ServiceEntrySpecSchema>;

export const SidecarSpecSchema = z.strictObject({
  workloadSelector: z.strictObject({ labels: labels.optional() }).optional(),
  ingress: z.array(loose).optional(),
  egress: z
    .array(
      z.strictObject({
        port: z.looseObject({ number: z.number().int().optional() }).optional(),
        bind: str.optional(),
        captureMode: str.optional(),
        hosts: strList,
      }),
    )
    .optional(),
  outboundTrafficPolicy: z.strictObject({ mode: z.enum(['REGISTRY_ONLY', 'ALLOW_ANY']).optional(), egressProxy: loose.optional() }).optional(),
  inboundConnectionPool: loose.optional(),
});
export type SidecarSpec = z.infer<typeof SidecarSpecSchema>;

// ---------------------------------------------------------------------------------------------
// security.istio.io

const MtlsModeSchema = z.enum(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);
export type MtlsMode = z.infer<typeof MtlsModeSchema>;

export const PeerAuthenticationSpecSchema = z.strictObject({
  selector: WorkloadSelectorSchema.optional(),
  mtls: z.strictObject({ mode: MtlsModeSchema.optional() }).optional(),
  portLevelMtls: z.record(z.string(), z.strictObject({ mode: MtlsModeSchema.optional() })).optional(),
});
export type PeerAuthenticationSpec = z.infer<typeof PeerAuthenticationSpecSchema>;

export const SourceSchema = z.strictObject({
  principals: strList.optional(),
  notPrincipals: strList.optional(),
  requestPrincipals: strList.optional(),
  notRequestPrincipals: strList.optional(),
  namespaces: strList.optional(),
  notNamespaces: strList.optional(),
  ipBlocks: strList.optional(),
  notIpBlocks: strList.optional(),
  remoteIpBlocks: strList.optional(),
  notRemoteIpBlocks: strList.optional(),
  serviceAccounts: strList.optional(),
  notServiceAccounts: strList.optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const OperationSchema = z.strictObject({
  hosts: strList.optional(),
  notHosts: strList.optional(),
  ports: strList.optional(),
  notPorts: strList.optional(),
  methods: strList.optional(),
  notMethods: strList.optional(),
  paths: strList.optional(),
  notPaths: strList.optional(),
});

export const ConditionSchema = z.strictObject({ key: str, values: strList.optional(), notValues: strList.optional() });

export const RuleSchema = z.strictObject({
  from: z.array(z.strictObject({ source: SourceSchema })).optional(),
  to: z.array(z.strictObject({ operation: OperationSchema })).optional(),
  when: z.array(ConditionSchema).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const AuthorizationPolicySpecSchema = z.strictObject({
  selector: WorkloadSelectorSchema.optional(),
  targetRef: PolicyTargetReferenceSchema.optional(),
  targetRefs: z.array(PolicyTargetReferenceSchema).optional(),
  rules: z.array(RuleSchema).optional(),
  action: z.enum(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']).optional(),
  provider: z.strictObject({ name: str }).optional(),
});
export type AuthorizationPolicySpec = z.infer<typeof AuthorizationPolicySpecSchema>;

export const RequestAuthenticationSpecSchema = z.strictObject({
  selector: WorkloadSelectorSchema.optional(),
  targetRef: PolicyTargetReferenceSchema.optional(),
  targetRefs: z.array(PolicyTargetReferenceSchema).optional(),
  jwtRules: z
    .array(
      z.strictObject({
        issuer: str,
        audiences: strList.optional(),
        jwksUri: str.optional(),
        jwks: str.optional(),
        fromHeaders: z.array(z.strictObject({ name: str, prefix: str.optional() })).optional(),
        fromParams: strList.optional(),
        fromCookies: strList.optional(),
        outputPayloadToHeader: str.optional(),
        forwardOriginalToken: z.boolean().optional(),
        outputClaimToHeaders: z.array(z.strictObject({ header: str, claim: str })).optional(),
        timeout: duration.optional(),
        spaceDelimitedClaims: strList.optional(),
      }),
    )
    .optional(),
});
export type RequestAuthenticationSpec = z.infer<typeof RequestAuthenticationSpecSchema>;

// ---------------------------------------------------------------------------------------------
// Kubernetes objects the Istio objects refer to (read loosely: only the fields the checks use)

export const K8sServiceSpecSchema = z.looseObject({
  type: str.optional(),
  selector: labels.optional().nullable(),
  externalName: str.optional(),
  ports: z
    .array(
      z.looseObject({
        name: str.optional(),
        port: z.number().int(),
        targetPort: intOrString.optional(),
        protocol: str.optional(),
        appProtocol: str.optional(),
      }),
    )
    .optional()
    .nullable(),
});
export type K8sServiceSpec = z.infer<typeof K8sServiceSpecSchema>;

const ContainerSchema = z.looseObject({ name: str.optional(), image: str.optional().nullable() });
export const PodSpecSchema = z.looseObject({
  serviceAccountName: str.optional(),
  serviceAccount: str.optional(),
  containers: z.array(ContainerSchema).optional().nullable(),
  initContainers: z.array(ContainerSchema).optional().nullable(),
  nodeName: str.optional(),
});
export type PodSpec = z.infer<typeof PodSpecSchema>;

export const PodTemplateOwnerSpecSchema = z.looseObject({
  replicas: z.number().int().optional(),
  template: z
    .looseObject({
      metadata: z.looseObject({ labels: labels.optional().nullable(), annotations: labels.optional().nullable() }).optional().nullable(),
      spec: PodSpecSchema.optional().nullable(),
    })
    .optional(),
  jobTemplate: z.looseObject({ spec: z.looseObject({ template: z.looseObject({}).optional() }).optional() }).optional(),
});

// ---------------------------------------------------------------------------------------------
// Objects

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** Any Kubernetes-style object as read from YAML or the API. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  [key: string]: unknown;
}

/** The Istio kinds with a spec schema, keyed by kind; the API groups and versions each accepts. */
export const ISTIO_KINDS = {
  VirtualService: { group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], spec: VirtualServiceSpecSchema },
  DestinationRule: { group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], spec: DestinationRuleSpecSchema },
  Gateway: { group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], spec: GatewaySpecSchema },
  ServiceEntry: { group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], spec: ServiceEntrySpecSchema },
  Sidecar: { group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], spec: SidecarSpecSchema },
  WorkloadEntry: { group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], spec: WorkloadEntrySpecSchema },
  PeerAuthentication: { group: 'security.istio.io', versions: ['v1', 'v1beta1'], spec: PeerAuthenticationSpecSchema },
  AuthorizationPolicy: { group: 'security.istio.io', versions: ['v1', 'v1beta1'], spec: AuthorizationPolicySpecSchema },
  RequestAuthentication: { group: 'security.istio.io', versions: ['v1', 'v1beta1'], spec: RequestAuthenticationSpecSchema },
} as const;
export type IstioKind = keyof typeof ISTIO_KINDS;

export function isIstioKind(kind: string): kind is IstioKind {
  return Object.prototype.hasOwnProperty.call(ISTIO_KINDS, kind);
}

/** Kubernetes kinds the validator reads (the registry Istio objects refer to). */
export const K8S_KINDS = ['Namespace', 'Service', 'ServiceAccount', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;
export type K8sKind = (typeof K8S_KINDS)[number];

/**
 * Kinds that are read without an "unknown kind" note even though no check looks inside them
 * (ordinary Kubernetes objects and Istio/Gateway-API kinds outside this validator's scope).
 */
export const KNOWN_UNCHECKED_KINDS = new Set([
  'ConfigMap', 'Secret', 'Ingress', 'IngressClass', 'NetworkPolicy', 'PersistentVolumeClaim', 'PersistentVolume', 'Role',
  'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Endpoints',
  'EndpointSlice', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'Node',
  'LimitRange', 'ResourceQuota', 'PriorityClass', 'StorageClass', 'Certificate', 'Issuer', 'ClusterIssuer',
  'EnvoyFilter', 'Telemetry', 'WasmPlugin', 'WorkloadGroup', 'ProxyConfig', 'IstioOperator',
  'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'GatewayClass', 'ReferenceGrant',
]);

/** Typed views used by the checks; `spec` has been validated against its schema. */
export interface TypedObject<K extends string, S> extends K8sObject {
  kind: K;
  spec: S;
}
export type VirtualService = TypedObject<'VirtualService', VirtualServiceSpec>;
export type DestinationRule = TypedObject<'DestinationRule', DestinationRuleSpec>;
export type Gateway = TypedObject<'Gateway', GatewaySpec>;
export type ServiceEntry = TypedObject<'ServiceEntry', ServiceEntrySpec>;
export type Sidecar = TypedObject<'Sidecar', SidecarSpec>;
export type PeerAuthentication = TypedObject<'PeerAuthentication', PeerAuthenticationSpec>;
export type AuthorizationPolicy = TypedObject<'AuthorizationPolicy', AuthorizationPolicySpec>;
export type RequestAuthentication = TypedObject<'RequestAuthentication', RequestAuthenticationSpec>;
export type K8sService = TypedObject<'Service', K8sServiceSpec>;
