/**
 * An instant-query answer read straight from the bytes Prometheus sent, without making a string of the
 * whole body and a JSON object tree first. A graph's duration histogram at 100 workloads is a 320 kB
 * answer of 1,700 series; turning it into one string (~1 ms: a large-object allocation) and parsing it
 * (~1 ms) sat between the last answer and the graph. Here each series costs its samples' numbers and
 * the label strings that differ from the series before (a histogram's rows share their identity).
 *
 * It accepts exactly the JSON that Prometheus (and VictoriaMetrics) write for a successful vector
 * answer and checks it as strictly as the schemas in types.ts do: labels a record of strings, a
 * [finite number, string] value. Anything else — an error envelope, a scalar, warnings, a `__proto__`
 * label, malformed JSON — returns undefined, and the caller takes the general path (JSON.parse and
 * the schemas), which gives the same result or the error message.
 */
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, decoderFor, notAccepted, OPEN_BRACE, OPEN_BRACKET, Scanner } from './json-bytes';
import { parseSampleValue, type Labels, type VectorSample } from './types';

function series(s: Scanner): VectorSample {
  let metric: Labels | undefined;
  let value: number | undefined;
  let timestampSec = 0;
  s.expect(OPEN_BRACE);
  if (s.empty(CLOSE_BRACE)) throw notAccepted;
  do {
    if (s.keyIs('metric')) metric = labels(s);
    else if (s.keyIs('value')) {
      s.expect(OPEN_BRACKET);
      timestampSec = s.number();
      if (!Number.isFinite(timestampSec)) throw notAccepted;
      s.expect(COMMA);
      // The value string ("1.5", "0", "NaN", "+Inf"), read as parseSampleValue reads it.
      value = s.stringAsNumber(parseSampleValue);
      s.expect(CLOSE_BRACKET);
    } else {
      // Keys the schema ignores.
      s.string();
      s.expect(COLON);
      s.skipValue();
    }
  } while (s.more(CLOSE_BRACE));
  if (metric === undefined || value === undefined) throw notAccepted;
  return { metric, timestampSec, value };
}

function labels(s: Scanner): Labels {
  const metric: Labels = {};
  s.expect(OPEN_BRACE);
  if (s.empty(CLOSE_BRACE)) return metric;
  let slot = 0;
  do {
    const name = s.string(slot);
    s.expect(COLON);
    const text = s.string(slot + 1);
    if (name === '__proto__') throw notAccepted;
    metric[name] = text;
    slot += 2;
  } while (s.more(CLOSE_BRACE));
  return metric;
}

const EMPTY = new Uint8Array(0);

/**
 * Reads an instant-query answer as its bytes arrive: `push` each chunk, then `end`. The envelope's
 * head (up to the opening of `result`) is read once it is all in, then every complete series as soon
 * as its bytes are, so when the last chunk arrives only its own series are left to read. Series
 * straddling two chunks are read again from their start once the rest is in. `end` reads the rest of
 * the envelope and gives the samples, or undefined (see the file comment).
 */
export class VectorAnswerReader {
  /** Bytes not read yet: the unfinished series (or head) from before, and what came after. */
  private pending: Uint8Array = EMPTY;
  private phase: 'head' | 'rows' | 'tail' | 'refused' = 'head';
  private success = false;
  private vector = false;
  private firstRow = true;
  private readonly samples: VectorSample[] = [];

  push(chunk: Uint8Array): void {
    if (this.phase === 'refused') return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.read(false);
  }

  end(): VectorSample[] | undefined {
    this.read(true);
    if (this.phase === 'refused') return undefined;
    return this.success && this.vector ? this.samples : undefined;
  }

  private read(final: boolean): void {
    if (this.phase === 'refused') return;
    const s = new Scanner(this.pending, decoderFor(this.pending));
    let consumed = 0;
    try {
      if (this.phase === 'head') {
        this.head(s);
        this.phase = 'rows';
        consumed = s.pos;
      }
      while (this.phase === 'rows') {
        if (this.firstRow && s.empty(CLOSE_BRACKET)) this.phase = 'tail';
        else {
          const sample = series(s);
          if (!s.more(CLOSE_BRACKET)) this.phase = 'tail';
          this.samples.push(sample);
          this.firstRow = false;
        }
        consumed = s.pos;
      }
      if (final) {
        this.tail(s);
        consumed = s.pos;
      }
    } catch (err) {
      // Bytes that ended mid-way: keep what is unread for the next chunk. Anything else, even an
      // error of this code's own, leaves the answer to the general path: this runs in a socket's
      // data handler, where a throw would take the server down.
      if (!(err === notAccepted && s.ranOut && !final)) this.phase = 'refused';
    }
    this.pending = this.phase === 'refused' ? EMPTY : this.pending.subarray(consumed);
  }

  /** From the envelope's start to just inside `result: [`. */
  private head(s: Scanner): void {
    s.expect(OPEN_BRACE);
    if (s.empty(CLOSE_BRACE)) throw notAccepted;
    for (;;) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'data') return this.dataHead(s);
      this.envelopeField(s, key);
      if (!s.more(CLOSE_BRACE)) throw notAccepted;
    }
  }

  private dataHead(s: Scanner): void {
    s.expect(OPEN_BRACE);
    if (s.empty(CLOSE_BRACE)) throw notAccepted;
    for (;;) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'result') {
        // The series are read as vector series: a `result` before `resultType` is left to the general path.
        if (!this.vector) throw notAccepted;
        s.expect(OPEN_BRACKET);
        return;
      }
      this.dataField(s, key);
      if (!s.more(CLOSE_BRACE)) throw notAccepted;
    }
  }

  /** After `result`: the rest of `data`, the rest of the envelope (a second `result` or `data` is left to the general path), and nothing after it. */
  private tail(s: Scanner): void {
    while (s.more(CLOSE_BRACE)) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'result') throw notAccepted;
      this.dataField(s, key);
    }
    while (s.more(CLOSE_BRACE)) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'data') throw notAccepted;
      this.envelopeField(s, key);
    }
    if (!s.atEnd()) throw notAccepted;
  }

  /** A field of the envelope other than `data`, before or after it. */
  private envelopeField(s: Scanner, key: string): void {
    if (key === 'status') this.success = s.stringIs('success');
    // The envelope's schema checks these lists; leave them to it.
    else if (key === 'warnings' || key === 'infos') throw notAccepted;
    else s.skipValue();
  }

  /** A field of `data` other than `result`, before or after it. */
  private dataField(s: Scanner, key: string): void {
    if (key === 'resultType') this.vector = s.stringIs('vector');
    else s.skipValue();
  }
}

/** The samples of a whole answer at once (see VectorAnswerReader). */
export function scanVectorAnswer(body: Uint8Array): VectorSample[] | undefined {
  const reader = new VectorAnswerReader();
  reader.push(body);
  return reader.end();
}
