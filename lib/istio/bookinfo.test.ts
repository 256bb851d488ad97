/**
 * The real Bookinfo manifests (../shared/bookinfo, Istio's samples) must validate without an error or a
 * warning, alone and with each networking sample that is valid on its own; samples that are not (routes
 * to subsets before the DestinationRules exist, cert-manager's solver) report exactly what is missing.
 */
import { describe, expect, it } from 'vitest';
import { describeShared, sharedPath } from '@/scripts/testing/shared';
import { snapshotOf } from './config-source';
import { validateConfig, type Finding } from './validate';
import { loadPaths } from './yaml-loader';

const kube = (f: string) => sharedPath('bookinfo', 'platform', 'kube', f);
const net = (f: string) => sharedPath('bookinfo', 'networking', f);
/** Bookinfo plus the versions the DestinationRule samples name (ratings v2/mysql/vm, details v2). */
const ALL_VERSIONS = ['bookinfo.yaml', 'bookinfo-ratings-v2.yaml', 'bookinfo-ratings-v2-mysql.yaml', 'bookinfo-ratings-v2-mysql-vm.yaml', 'bookinfo-details-v2.yaml', 'bookinfo-db.yaml', 'bookinfo-mysql.yaml'];

function validate(files: string[]): Finding[] {
  const r = loadPaths(files, { defaultNamespace: 'default' });
  return validateConfig(snapshotOf(r.objects, r.errors)).findings;
}
const serious = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.kind} ${f.name} ${f.path}: ${f.message}`);

const VIRTUAL_SERVICES = [
  'virtual-service-all-v1.yaml',
  'virtual-service-details-v2.yaml',
  'virtual-service-ratings-db.yaml',
  'virtual-service-ratings-mysql.yaml',
  'virtual-service-ratings-mysql-vm.yaml',
  'virtual-service-ratings-test-abort.yaml',
  'virtual-service-ratings-test-delay.yaml',
  'virtual-service-reviews-50-v3.yaml',
  'virtual-service-reviews-80-20.yaml',
  'virtual-service-reviews-90-10.yaml',
  'virtual-service-reviews-jason-v2-v3.yaml',
  'virtual-service-reviews-test-v2.yaml',
  'virtual-service-reviews-v2-v3.yaml',
  'virtual-service-reviews-v3.yaml',
];

describeShared('Bookinfo manifests', () => {
  it('bookinfo.yaml alone: nothing', () => {
    expect(validate([kube('bookinfo.yaml')])).toEqual([]);
  });

  it('every version of Bookinfo alone: nothing', () => {
    expect(validate(ALL_VERSIONS.map(kube))).toEqual([]);
  });

  describe('with a sample that stands on its own: no error or warning', () => {
    for (const sample of ['bookinfo-gateway.yaml', 'destination-rule-reviews.yaml', 'egress-rule-google-apis.yaml']) {
      it(sample, () => expect(serious(validate([kube('bookinfo.yaml'), net(sample)]))).toEqual([]));
    }
    for (const sample of ['destination-rule-all.yaml', 'destination-rule-all-mtls.yaml']) {
      it(`${sample} with every version deployed`, () => expect(serious(validate([...ALL_VERSIONS.map(kube), net(sample)]))).toEqual([]));
    }
  });

  describe('each VirtualService sample over destination-rule-all.yaml (as the Istio tasks apply them): no error or warning', () => {
    for (const sample of VIRTUAL_SERVICES) {
      it(sample, () => expect(serious(validate([...ALL_VERSIONS.map(kube), net('destination-rule-all.yaml'), net('bookinfo-gateway.yaml'), net(sample)]))).toEqual([]));
    }
  });

  it('destination-rule-all.yaml over bookinfo.yaml alone: a warning per subset whose version is not deployed, and only those', () => {
    const got = validate([kube('bookinfo.yaml'), net('destination-rule-all.yaml')]).map((f) => `${f.severity} ${f.code} ${f.name} ${f.path}`);
    // ratings v2, v2-mysql, v2-mysql-vm (subsets[1..3]) and details v2 (subsets[1]) have no pods in bookinfo.yaml
    expect(got.sort()).toEqual(
      ['warning KIA0203 details spec/subsets[1]', 'warning KIA0203 ratings spec/subsets[1]', 'warning KIA0203 ratings spec/subsets[2]', 'warning KIA0203 ratings spec/subsets[3]'].sort(),
    );
  });

  it('a VirtualService sample without the DestinationRules: an error per route to an undefined subset', () => {
    const got = validate([kube('bookinfo.yaml'), net('virtual-service-reviews-80-20.yaml')]).map((f) => `${f.severity} ${f.code} ${f.name} ${f.path} ${f.line}`);
    expect(got).toEqual(['error KIA1107 reviews spec/http[0]/route[0]/destination 10', 'error KIA1107 reviews spec/http[0]/route[1]/destination 14']);
  });

  it('fault-injection-details-v1.yaml: its second rule can never match (the first has no match) — the warning Istio\'s own webhook gives', () => {
    const got = validate([kube('bookinfo.yaml'), net('fault-injection-details-v1.yaml')]).map((f) => `${f.severity} ${f.code} ${f.name} ${f.path} ${f.line}`);
    expect(got).toEqual(['warning IST0130 details spec/http[1] 18']);
  });

  it('certmanager-gateway.yaml without cert-manager: the solver Service is missing', () => {
    const got = validate([kube('bookinfo.yaml'), net('certmanager-gateway.yaml')]).map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`);
    expect(got).toEqual(['KIA1101 VirtualService istio-system/cert-manager']);
  });

  it('the DestinationRule of the egress sample verifies against the OS trust store only: a note, not a warning', () => {
    const got = validate([kube('bookinfo.yaml'), net('egress-rule-google-apis.yaml')]);
    expect(got.map((f) => `${f.severity} ${f.code}`)).toEqual(['info IST0129']);
  });
});
