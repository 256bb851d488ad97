import { describe, expect, it } from 'vitest';
import { IDENTITY_LABELS, identityEnds, IdentityDecoder, joinIdentity, joinedRowLabels, splitDestinationEnd, splitIdentity, splitSourceEnd } from './identity';

const hop = {
  source_workload_namespace: 'bookinfo',
  source_workload: 'productpage-v1',
  source_canonical_service: 'productpage',
  source_canonical_revision: 'v1',
  destination_service_namespace: 'bookinfo',
  destination_service: 'reviews.bookinfo.svc.cluster.local',
  destination_service_name: 'reviews',
  destination_workload_namespace: 'bookinfo',
  destination_workload: 'reviews-v2',
  destination_canonical_service: 'reviews',
  destination_canonical_revision: 'v2',
  request_protocol: 'http',
};
// What Prometheus's label_join(v, "identity", "|", <the twelve labels in queries.ts order>) writes.
const JOINED = 'bookinfo|productpage-v1|productpage|v1|bookinfo|reviews.bookinfo.svc.cluster.local|reviews|bookinfo|reviews-v2|reviews|v2|http';

describe('identity labels joined into one', () => {
  it('joins in the query order, an absent label as empty', () => {
    expect(joinIdentity(hop)).toBe(JOINED);
    const { destination_workload: _w, destination_canonical_revision: _r, ...aborted } = hop;
    expect(joinIdentity(aborted)).toBe('bookinfo|productpage-v1|productpage|v1|bookinfo|reviews.bookinfo.svc.cluster.local|reviews|bookinfo||reviews||http');
  });

  it('keeps the other labels of a row beside the joined one', () => {
    expect(joinedRowLabels({ ...hop, le: '25' })).toEqual({ identity: JOINED, le: '25' });
  });

  it('splits back into the labels, leaving out empty ones as Prometheus does', () => {
    expect(splitIdentity(JOINED)).toEqual(hop);
    const split = splitIdentity('bookinfo|productpage-v1|productpage|v1|bookinfo|reviews.bookinfo.svc.cluster.local|reviews|bookinfo||reviews||http');
    expect(split?.destination_workload).toBeUndefined();
    // Every label in its place: joined again, it is the value it was split from.
    expect(joinIdentity(split ?? {})).toBe('bookinfo|productpage-v1|productpage|v1|bookinfo|reviews.bookinfo.svc.cluster.local|reviews|bookinfo||reviews||http');
    expect(split?.destination_canonical_service).toBe('reviews');
  });

  it('refuses a value that does not have twelve parts', () => {
    expect(splitIdentity('a|b|c')).toBeUndefined();
    expect(splitIdentity(`${JOINED}|extra`)).toBeUndefined();
  });

  it('cuts a joined value at its ends: the source labels, the destination labels, the protocol', () => {
    const ends = identityEnds(JOINED);
    expect(ends).toEqual({ source: 'bookinfo|productpage-v1|productpage|v1', destination: 'bookinfo|reviews.bookinfo.svc.cluster.local|reviews|bookinfo|reviews-v2|reviews|v2', protocol: 'http' });
    const source = splitSourceEnd(ends?.source ?? '');
    const destination = splitDestinationEnd(ends?.destination ?? '');
    expect(Object.keys(source).every((k) => k.startsWith('source_'))).toBe(true);
    expect(Object.keys(destination).every((k) => k.startsWith('destination_'))).toBe(true);
    expect({ ...source, ...destination, request_protocol: ends?.protocol }).toEqual(hop);
    expect(IDENTITY_LABELS).toHaveLength(Object.keys(source).length + Object.keys(destination).length + 1);
    expect(splitDestinationEnd('bookinfo|reviews.bookinfo.svc.cluster.local|reviews|bookinfo||reviews|').destination_workload).toBeUndefined();
    expect(identityEnds('a|b|c')).toBeUndefined();
    expect(identityEnds(`${JOINED}|extra`)).toBeUndefined();
  });

  it('decodes each distinct identity once and shares the labels between its rows', () => {
    const d = new IdentityDecoder();
    const a = d.of({ identity: JOINED, le: '5' });
    const other = d.of({ identity: JOINED.replace('reviews-v2', 'reviews-v3'), le: '5' });
    const b = d.of({ identity: `${JOINED}`, le: '10' });
    expect(a).toEqual(hop);
    expect(b).toBe(a);
    expect(other?.destination_workload).toBe('reviews-v3');
    expect(d.of({ identity: 'broken', le: '5' })).toBeUndefined();
    const labelled = { ...hop, le: '5' };
    expect(d.of(labelled)).toBe(labelled);
  });
});
