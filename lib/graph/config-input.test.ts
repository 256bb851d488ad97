import { describe, expect, it } from 'vitest';
import { findingsToValidations, loadConfigInput } from './config-input';

const vs = { kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'default' }, spec: { hosts: ['reviews'] } };

describe('loadConfigInput', () => {
  it('is empty without a config source', async () => {
    expect(await loadConfigInput(null)).toEqual({ warnings: [] });
  });

  it('unwraps the snapshot objects', async () => {
    const r = await loadConfigInput(async () => ({ objects: [{ object: vs }] }));
    expect(r.config?.objects).toEqual([vs]);
    expect(r.warnings).toEqual([]);
  });

  it('hands out one objects array per snapshot (appenders memoise on it)', async () => {
    const snap = { objects: [{ object: vs }] };
    const a = await loadConfigInput(async () => snap);
    const b = await loadConfigInput(async () => snap);
    const other = await loadConfigInput(async () => ({ objects: [{ object: vs }] }));
    expect(b.config?.objects).toBe(a.config?.objects);
    expect(other.config?.objects).not.toBe(a.config?.objects);
  });

  it('turns a failing source into a warning, not an error', async () => {
    const r = await loadConfigInput(async () => {
      throw new Error('Config directory /x cannot be read');
    });
    expect(r.config).toBeUndefined();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('Config directory /x cannot be read');
  });

  it('maps validator findings into validations and survives a failing validator', async () => {
    const ok = await loadConfigInput(async () => ({ objects: [{ object: vs }] }), () => ({
      findings: [{ code: 'KIA1107', severity: 'error', kind: 'VirtualService', namespace: 'default', name: 'reviews', message: 'Subset not found' }],
    }));
    expect(ok.config?.validations).toEqual([{ kind: 'VirtualService', namespace: 'default', name: 'reviews', severity: 'error', message: 'KIA1107: Subset not found' }]);
    const bad = await loadConfigInput(async () => ({ objects: [{ object: vs }] }), () => {
      throw new Error('boom');
    });
    expect(bad.config?.objects).toHaveLength(1);
    expect(bad.warnings[0]).toContain('boom');
  });
});

describe('findingsToValidations', () => {
  it('keeps unknown severities as info and defaults the namespace', () => {
    expect(findingsToValidations([{ severity: 'hint', kind: 'Gateway', name: 'gw', message: 'm' }])).toEqual([
      { kind: 'Gateway', namespace: 'default', name: 'gw', severity: 'info', message: 'm' },
    ]);
  });
});
