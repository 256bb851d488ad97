/**
 * The conformance corpus (../shared/conformance: istioctl analyze and Kiali test cases with their
 * expected codes). Prints "conformance: N/M pass" with per-analyzer counts; fails on a failing case of a
 * kind issue #6 lists (other kinds are reported only). Cases upstream marks unsure are reported apart.
 */
import { expect, it } from 'vitest';
import { describeShared, sharedPath } from '@/scripts/testing/shared';
import type { CaseOutcome } from './conformance/common';
import { istioctlCaseNames, runIstioctlCase } from './conformance/istioctl';
import { kialiCaseNames, runKialiCase } from './conformance/kiali';

/**
 * Cases whose expectation Meshscope judges wrong, with the reason. They are reported, not failed.
 */
export const JUDGED_WRONG: Record<string, string> = {
  'istioctl/virtualServiceGateways':
    'expects IST0132 ("host not in the gateway") on httpbin-bogus, whose gateway does not exist; Meshscope reports the missing gateway (IST0101/KIA1102) once and does not add a second message about the hosts of a gateway that is not there',
  'kiali/visibility-TestFilterExportToNamespacesDR': KIALI_WRONG_NS(),
  'kiali/visibility-TestFilterExportToNamespacesSE': KIALI_WRONG_NS(),
  'kiali/visibility-TestFilterExportToNamespacesVS': KIALI_WRONG_NS(),
  'kiali/visibility-TestAmbientFilterExportToNamespacesDR': `${KIALI_WRONG_NS()}; and it hides objects of ambient namespaces from other namespaces, which Istio does not do (exportTo works the same in ambient)`,
  'kiali/visibility-TestAmbientFilterExportToNamespacesSE': `${KIALI_WRONG_NS()}; and it hides objects of ambient namespaces from other namespaces, which Istio does not do`,
  'kiali/visibility-TestAmbientFilterExportToNamespacesVS': `${KIALI_WRONG_NS()}; and it hides objects of ambient namespaces from other namespaces, which Istio does not do`,
};

function KIALI_WRONG_NS(): string {
  return 'Kiali\'s UI filter treats exportTo: [wrong] (a namespace that does not exist) as visible everywhere so it can show KIA0005 on it; for Istio such an object is exported to that namespace only, so Meshscope does not make it visible (and reports KIA0005 separately)';
}

describeShared('conformance corpus', () => {
  it('passes every case of the kinds the validator covers', () => {
    const root = sharedPath('conformance');
    const outcomes: CaseOutcome[] = [
      ...istioctlCaseNames(root).map((n) => runIstioctlCase(root, n)),
      ...kialiCaseNames(root).map((n) => runKialiCase(root, n)),
    ];
    for (const o of outcomes) if (JUDGED_WRONG[`${o.suite}/${o.name}`] && !o.pass) o.judgedWrong = true;
    const counted = outcomes.filter((o) => !o.unsure);
    const passed = counted.filter((o) => o.pass);
    const byRule = new Map<string, { pass: number; total: number; required: boolean; unsupported: boolean }>();
    for (const o of counted) {
      const key = `${o.suite} ${o.rule}`;
      const r = byRule.get(key) ?? { pass: 0, total: 0, required: o.required, unsupported: o.unsupported };
      r.total++;
      if (o.pass) r.pass++;
      byRule.set(key, r);
    }
    const wrong = counted.filter((o) => o.judgedWrong).length;
    const lines = [`conformance: ${passed.length}/${counted.length} pass (${wrong} with an expectation judged wrong; ${outcomes.length - counted.length} unsure cases reported apart)`];
    for (const [rule, r] of [...byRule].sort()) lines.push(`  ${r.pass}/${r.total} ${rule}${r.unsupported ? ' (not implemented)' : r.required ? '' : ' (reported only)'}`);
    for (const o of outcomes.filter((x) => x.unsure)) lines.push(`  unsure ${o.suite}/${o.name}: ${o.pass ? 'pass' : `fail ${o.detail}`}`);
    for (const o of outcomes.filter((x) => x.judgedWrong)) lines.push(`  judged wrong ${o.suite}/${o.name}: ${JUDGED_WRONG[`${o.suite}/${o.name}`]} (${o.detail})`);
    for (const o of outcomes.filter((x) => !x.pass && !x.unsupported && !x.unsure && !x.judgedWrong)) lines.push(`  FAIL ${o.suite}/${o.name}${o.required ? '' : ' (reported only)'}: ${o.detail}`);
    console.log(lines.join('\n'));
    const requiredFailures = counted.filter((o) => o.required && !o.pass && !o.judgedWrong).map((o) => `${o.suite}/${o.name}: ${o.detail}`);
    expect(requiredFailures).toEqual([]);
  });
});
