import { describe, expect, it } from 'vitest';
import { app, summary, validateYaml } from './test-helpers';

const reviews = app('bookinfo', 'reviews', ['v1', 'v2']);
const dr = (ns: string, host: string, subsets: string[], extra = '') => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr-${host.replace(/[^a-z0-9]+/g, '-').replace(/^-/, '')}-${subsets.join('-') || 'none'}, namespace: ${ns}}
spec:
  host: "${host}"
  subsets: [${subsets.map((s) => `{name: ${s}, labels: {version: ${s}}}`).join(', ')}]
${extra}`;
const vs = (ns: string, name: string, host: string, dest: string, subset?: string, extra = '') => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: [${host}]
${extra}  http:
    - route:
        - destination: {host: ${dest}${subset ? `, subset: ${subset}` : ''}}
`;

describe('validateConfig: what it catches', () => {
  it('a route to a subset no DestinationRule defines: KIA1107 error at the destination, with file and line', () => {
    const f = validateYaml(reviews + dr('bookinfo', 'reviews', ['v1', 'v2']) + vs('bookinfo', 'reviews', 'reviews', 'reviews', 'v3'));
    expect(summary(f)).toEqual(['KIA1107 VirtualService bookinfo/reviews spec/http[0]/route[0]/destination']);
    expect(f[0]).toMatchObject({ severity: 'error', file: 'test.yaml' });
    const lines = (reviews + dr('bookinfo', 'reviews', ['v1', 'v2']) + vs('bookinfo', 'reviews', 'reviews', 'reviews', 'v3')).split('\n');
    expect(lines[f[0]!.line! - 1]).toContain('destination: {host: reviews, subset: v3}');
  });

  it('a destination host nothing defines: KIA1101', () => {
    expect(summary(validateYaml(reviews + vs('bookinfo', 'r', 'reviews', 'reviewz')))).toEqual(['KIA1101 VirtualService bookinfo/r spec/http[0]/route[0]/destination/host']);
  });

  it('a gateway that does not exist: KIA1102; one that exists but does not serve the host: IST0132', () => {
    const gw = `---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: bookinfo}
spec:
  selector: {app: reviews}
  servers: [{port: {number: 9080, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
`;
    const f = validateYaml(reviews + gw + vs('bookinfo', 'a', 'other.example.com', 'reviews', undefined, '  gateways: [gw, nope]\n'));
    expect(summary(f)).toEqual(['IST0132 VirtualService bookinfo/a spec/gateways[0]', 'KIA1102 VirtualService bookinfo/a spec/gateways[1]']);
  });

  it('weights that do not add to 100, a single weight, and the same host+subset twice', () => {
    const v = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: w, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
    - route:
        - {destination: {host: reviews, subset: v1}, weight: 70}
        - {destination: {host: reviews, subset: v1}, weight: 20}
    - route:
        - {destination: {host: reviews, subset: v2}, weight: 50}
`;
    expect(summary(validateYaml(reviews + dr('bookinfo', 'reviews', ['v1', 'v2']) + v))).toEqual([
      'MSC0005 VirtualService bookinfo/w spec/http[0]/route',
      'KIA1105 VirtualService bookinfo/w spec/http[0]/route[1]/destination',
      'KIA1104 VirtualService bookinfo/w spec/http[1]/route[0]/weight',
      'IST0130 VirtualService bookinfo/w spec/http[1]', // http[0] has no match: it takes every request
    ]);
  });

  it('two VirtualServices for one host on the mesh: IST0109 on both', () => {
    const f = validateYaml(reviews + vs('bookinfo', 'a', 'reviews', 'reviews') + vs('bookinfo', 'b', 'reviews.bookinfo.svc.cluster.local', 'reviews'));
    expect(summary(f)).toEqual(['IST0109 VirtualService bookinfo/a spec/hosts[0]', 'IST0109 VirtualService bookinfo/b spec/hosts[0]']);
  });

  it('DestinationRule: host not found (KIA0202), subset labels matching no pod used by a route (error) or not (warning), subset without labels, duplicates', () => {
    const rules = `${dr('bookinfo', 'reviewz', [])}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v3, labels: {version: v3}}, {name: v4, labels: {version: v4}}, {name: all}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: r2, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets: [{name: v1, labels: {version: v1}}]
`;
    const f = validateYaml(reviews + rules + vs('bookinfo', 'to-v3', 'reviews', 'reviews', 'v3'));
    expect(f.map((x) => `${x.code} ${x.severity} ${x.name} ${x.path}`)).toEqual([
      'KIA0202 error dr-reviewz-none spec/host',
      'KIA0203 error r spec/subsets[1]',
      'KIA0203 warning r spec/subsets[2]',
      'KIA0209 warning r spec/subsets[3]',
      'KIA0201 warning r spec/subsets[0]',
      'KIA0201 warning r2 spec/subsets[0]',
    ]);
  });

  it('Gateway: selector matching nothing, port not on its Service, two Gateways on one host and port', () => {
    const ingress = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: istio-system}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: istio-proxy}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, ports: [{name: http2, port: 80, targetPort: 8080}]}
`;
    const gw = (name: string, sel: string, port: number, host: string) => `---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: bookinfo}
spec:
  selector: {${sel}}
  servers: [{port: {number: ${port}, name: http, protocol: HTTP}, hosts: ["${host}"]}]
`;
    const f = validateYaml(reviews + ingress + gw('none', 'istio: typo', 8080, 'a.com') + gw('badport', 'istio: ingressgateway', 9999, 'b.com') + gw('one', 'istio: ingressgateway', 8080, 'c.com') + gw('two', 'istio: ingressgateway', 8080, 'c.com'));
    expect(summary(f)).toEqual([
      'KIA0302 Gateway bookinfo/none spec/selector',
      'IST0162 Gateway bookinfo/badport spec/servers[0]/port/number',
      'KIA0301 Gateway bookinfo/one spec/servers[0]',
      'KIA0301 Gateway bookinfo/two spec/servers[0]',
    ]);
  });

  it('STRICT PeerAuthentication vs a DestinationRule disabling TLS; a DISABLE PeerAuthentication vs ISTIO_MUTUAL clients', () => {
    const pa = (ns: string, mode: string) => `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ${ns}}
spec: {mtls: {mode: ${mode}}}
`;
    const tls = (name: string, host: string, mode: string) => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: bookinfo}
spec: {host: "${host}", trafficPolicy: {tls: {mode: ${mode}}}}
`;
    expect(summary(validateYaml(reviews + pa('bookinfo', 'STRICT') + tls('plain', 'reviews', 'DISABLE')))).toEqual(['KIA0207 DestinationRule bookinfo/plain spec/trafficPolicy/tls/mode']);
    expect(summary(validateYaml(reviews + pa('istio-system', 'STRICT') + tls('mesh', '*.local', 'DISABLE')))).toEqual(['KIA0208 DestinationRule bookinfo/mesh spec/trafficPolicy/tls/mode']);
    expect(summary(validateYaml(reviews + pa('bookinfo', 'DISABLE') + tls('ns', '*.bookinfo.svc.cluster.local', 'ISTIO_MUTUAL')))).toEqual(['KIA0505 PeerAuthentication bookinfo/default spec/mtls']);
  });

  it('AuthorizationPolicy: selector matching nothing, namespaces and principals that do not exist, a bad method', () => {
    const ap = `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: nothing}}
  rules:
    - from:
        - source: {namespaces: [bookinfo, "book*", ghost], principals: [cluster.local/ns/bookinfo/sa/reviews, cluster.local/ns/bookinfo/sa/ghost]}
      to:
        - operation: {methods: [GET, FETCH]}
`;
    expect(summary(validateYaml(reviews + ap))).toEqual([
      'IST0127 AuthorizationPolicy bookinfo/p spec/selector',
      'KIA0101 AuthorizationPolicy bookinfo/p spec/rules[0]/from[0]/source/namespaces[2]',
      'KIA0106 AuthorizationPolicy bookinfo/p spec/rules[0]/from[0]/source/principals[1]',
      'KIA0102 AuthorizationPolicy bookinfo/p spec/rules[0]/to[0]/operation/methods[1]',
    ]);
  });

  it('PeerAuthentication selector matching nothing: KIA0004', () => {
    const pa = `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: p, namespace: bookinfo}
spec: {selector: {matchLabels: {app: ghost}}, mtls: {mode: STRICT}}
`;
    expect(summary(validateYaml(reviews + pa))).toEqual(['KIA0004 PeerAuthentication bookinfo/p spec/selector']);
  });

  it('ServiceEntry with a TCP port and no addresses: IST0134', () => {
    const se = `---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: bookinfo}
spec: {hosts: [db.example.com], ports: [{number: 5432, name: tcp, protocol: TCP}], resolution: DNS}
`;
    expect(summary(validateYaml(se))).toEqual(['IST0134 ServiceEntry bookinfo/db spec/ports[0]']);
  });

  it('schema errors: unknown field and wrong type, each with its line; the rest of the object is still checked', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bad, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
    - rout: []
      timeout: 5
    - route:
        - destination: {host: reviewz}
`;
    const f = validateYaml(reviews + '---\n' + text);
    const base = reviews.split('\n').length;
    expect(f.map((x) => `${x.code} ${x.path} ${x.line! - base}`).sort()).toEqual([
      'IST0106 spec/http[0]/rout 7',
      'IST0106 spec/http[0]/timeout 8',
      'IST0130 spec/http[1] 9', // http[0] has no match (its "rout" is not a field)
      'KIA1101 spec/http[1]/route[0]/destination/host 10',
    ]);
  });

  it('an unknown kind is an info finding; a wrong apiVersion is a schema error', () => {
    const f = validateYaml(`apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
---
apiVersion: networking.istio.io/v2
kind: VirtualService
metadata: {name: v}
spec: {hosts: [a]}
`);
    expect(f.map((x) => `${x.severity} ${x.code} ${x.kind} ${x.path}`)).toEqual(['info MSC0003 Widget kind', 'error IST0106 VirtualService apiVersion']);
  });
});

describe('validateConfig: no false alarms', () => {
  const ok = (yaml: string) => expect(summary(validateYaml(yaml).filter((f) => f.severity !== 'info'))).toEqual([]);

  it('every exportTo form that makes the DestinationRule visible', () => {
    for (const exportTo of ['["*"]', '["."]', '[bookinfo]', '[".", bookinfo]', '[]']) {
      ok(reviews + dr('bookinfo', 'reviews', ['v1'], `  exportTo: ${exportTo}\n`) + vs('bookinfo', 'r', 'reviews', 'reviews', 'v1'));
    }
  });

  it('exportTo that hides the DestinationRule is reported, and says why', () => {
    const f = validateYaml(reviews + app('front', 'web') + dr('bookinfo', 'reviews', ['v1'], '  exportTo: ["."]\n') + vs('front', 'r', 'reviews.bookinfo.svc.cluster.local', 'reviews.bookinfo.svc.cluster.local', 'v1'));
    expect(summary(f)).toEqual(['KIA1107 VirtualService front/r spec/http[0]/route[0]/destination']);
    expect(f[0]!.message).toContain('not exported to namespace "front"');
    const hidden = validateYaml(reviews + app('front', 'web') + dr('bookinfo', 'reviews', ['v1'], '  exportTo: ["~"]\n') + vs('bookinfo', 'r', 'reviews', 'reviews', 'v1'));
    expect(summary(hidden)).toEqual(['KIA1107 VirtualService bookinfo/r spec/http[0]/route[0]/destination']);
  });

  it('VirtualService and ServiceEntry exportTo forms', () => {
    for (const exportTo of ['["*"]', '["."]', '[bookinfo]', '["~"]']) {
      ok(reviews + dr('bookinfo', 'reviews', ['v1']) + vs('bookinfo', 'r', 'reviews', 'reviews', 'v1', `  exportTo: ${exportTo}\n`));
    }
    for (const exportTo of ['["*"]', '["."]', '[bookinfo]']) {
      ok(`${reviews}---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: bookinfo}
spec: {hosts: [api.example.com], exportTo: ${exportTo}, ports: [{number: 443, name: https, protocol: HTTPS}], resolution: DNS}
${vs('bookinfo', 'x', 'api.example.com', 'api.example.com')}`);
    }
  });

  it('a DestinationRule in the root namespace applies mesh-wide', () => {
    ok(reviews + app('front', 'web') + dr('istio-system', 'reviews.bookinfo.svc.cluster.local', ['v1']) + vs('front', 'r', 'reviews.bookinfo.svc.cluster.local', 'reviews.bookinfo.svc.cluster.local', 'v1'));
  });

  it('cross-namespace FQDN and short namespace-qualified hosts', () => {
    ok(reviews + app('front', 'web') + dr('bookinfo', 'reviews', ['v1']) + vs('front', 'r', 'reviews.bookinfo.svc.cluster.local', 'reviews.bookinfo', 'v1'));
  });

  it('wildcard hosts on either side', () => {
    ok(`${reviews}${dr('bookinfo', '*.local', [])}---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: wild, namespace: bookinfo}
spec: {hosts: ["*.example.com"], ports: [{number: 443, name: https, protocol: HTTPS}], resolution: NONE, location: MESH_EXTERNAL}
${vs('bookinfo', 'w', 'api.example.com', 'api.example.com')}${dr('bookinfo', '*.example.com', [])}`);
  });

  it('one VirtualService listing a host as both short name and FQDN', () => {
    ok(reviews + vs('bookinfo', 'r', 'reviews, reviews.bookinfo.svc.cluster.local', 'reviews'));
  });

  it('namespace/name and ./host gateway references, several gateways on one VirtualService', () => {
    ok(`${reviews}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: istio-system}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: istio-proxy}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["bookinfo/shop.example.com"]}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: local, namespace: bookinfo}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 8443, name: https, protocol: HTTPS}, hosts: ["./shop.example.com"], tls: {mode: SIMPLE, credentialName: shop}}]
${vs('bookinfo', 'shop', 'shop.example.com', 'reviews', undefined, '  gateways: [istio-system/public, local, mesh]\n')}`);
  });

  it('ServiceEntry endpoints and workloadSelector as subset targets', () => {
    ok(`${reviews}---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: vm, namespace: bookinfo}
spec:
  hosts: [vm.example.internal]
  addresses: [10.0.0.9]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  endpoints: [{address: 10.0.0.9, labels: {version: v1}}]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: sel, namespace: bookinfo}
spec:
  hosts: [sel.example.internal]
  addresses: [10.0.0.10]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  workloadSelector: {labels: {app: reviews}}
${dr('bookinfo', 'vm.example.internal', ['v1'])}${vs('bookinfo', 'vm', 'vm.example.internal', 'vm.example.internal', 'v1')}${dr('bookinfo', 'sel.example.internal', ['v2'])}${vs('bookinfo', 'sel', 'sel.example.internal', 'sel.example.internal', 'v2')}`);
  });

  it('a subset no route uses and no pod matches (a canary not yet deployed) is a warning, not an error', () => {
    const f = validateYaml(reviews + dr('bookinfo', 'reviews', ['v1', 'v9']));
    expect(f.map((x) => `${x.severity} ${x.code} ${x.path}`)).toEqual(['warning KIA0203 spec/subsets[1]']);
  });

  it('Istio-only input (no Services, no workloads) does not guess at hosts or selectors', () => {
    ok(vs('bookinfo', 'r', 'reviews', 'reviews', undefined) + dr('bookinfo', 'reviews', ['v1']));
  });
});
