import { describe, expect, it } from 'vitest';
import { GraphParamsError, parseGraphAnswerFormat, parseGraphRequest } from './params';

const parse = (q: string) => parseGraphRequest(new URLSearchParams(q));

describe('parseGraphRequest', () => {
  it('reads the documented parameters with defaults', () => {
    expect(parse('namespaces=default,bookinfo&graphType=workload&duration=5m')).toEqual({
      namespaces: ['default', 'bookinfo'], graphType: 'workload', durationSec: 300,
      injectServiceNodes: true, idleEdges: false, idleNodes: false,
    });
    expect(parse('namespaces=default').graphType).toBe('versionedApp');
    expect(parse('namespaces=default').durationSec).toBe(60);
    expect(parse('namespaces=default&idleEdges=true&idleNodes=1&injectServiceNodes=false&queryTime=1800000000')).toMatchObject({
      idleEdges: true, idleNodes: true, injectServiceNodes: false, queryTimeSec: 1_800_000_000,
    });
    expect(parse('namespaces=default&graphType=service&injectServiceNodes=true').injectServiceNodes).toBe(false);
    expect(parse('namespaces=a,a,b').namespaces).toEqual(['a', 'b']);
  });

  it.each([
    ['', /namespaces is required/],
    ['namespaces=', /namespaces is required/],
    ['namespaces=Default', /invalid namespace "Default"/],
    ['namespaces=default"}', /invalid namespace/],
    ['namespaces=default&graphType=mesh', /unknown graphType "mesh"/],
    ['namespaces=default&duration=forever', /invalid duration/],
    ['namespaces=default&duration=7h', /between 1s and 6h/],
    ['namespaces=default&idleEdges=maybe', /invalid idleEdges/],
    ['namespaces=default&queryTime=yesterday', /invalid queryTime/],
  ])('rejects %s', (q, message) => {
    expect(() => parse(q)).toThrow(GraphParamsError);
    expect(() => parse(q)).toThrow(message);
  });
});

describe('parseGraphAnswerFormat', () => {
  it('is the object form unless the compact one is asked for', () => {
    expect(parseGraphAnswerFormat(new URLSearchParams('namespaces=default'))).toBe('objects');
    expect(parseGraphAnswerFormat(new URLSearchParams('format='))).toBe('objects');
    expect(parseGraphAnswerFormat(new URLSearchParams('format=objects'))).toBe('objects');
    expect(parseGraphAnswerFormat(new URLSearchParams('format=compact'))).toBe('compact');
  });

  it('rejects any other format', () => {
    expect(() => parseGraphAnswerFormat(new URLSearchParams('format=protobuf'))).toThrow(/unknown format "protobuf": expected objects or compact/);
  });
});
