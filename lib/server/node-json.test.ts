import { describe, expect, it } from 'vitest';
import { acceptsGzip } from './node-json';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true], // Chromium
    ['gzip', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['*', true],
    ['br, *', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['br, gzip;q=0.0', false],
    ['*;q=0', false],
    ['gzip;q=0, *', false], // gzip named and refused: * does not bring it back
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
