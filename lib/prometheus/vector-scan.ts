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
import { parseSampleValue, type Labels, type VectorSample } from './types';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Thrown inside the scan when the bytes are not what it accepts; never leaves this module. */
class NotAccepted {}
const notAccepted = new NotAccepted();

const asciiDecoder = new TextDecoder();

/** Powers of ten exact as doubles (up to 1e22), for decimals read from their digits. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

class Scanner {
  pos = 0;
  /** Set when a read reached the end of the bytes: with more bytes to come, a failure may be only that. */
  ranOut = false;
  /** The label strings of the series before, by position (name, value, name, value, …), reused when the bytes match. */
  private readonly prevStart: number[] = [];
  private readonly prevEnd: number[] = [];
  private readonly prevText: string[] = [];

  constructor(private readonly buf: Uint8Array, private readonly decode: (start: number, end: number) => string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.buf.length;
  }

  skipSpace(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos += 1;
    }
  }

  /** Consumes `byte` after optional whitespace, or fails. */
  expect(byte: number): void {
    this.skipSpace();
    if (this.buf[this.pos] !== byte) throw this.refusal();
    this.pos += 1;
  }

  /** After an element of an object or array: true on a comma (another follows), false on `close`. */
  more(close: number): boolean {
    this.skipSpace();
    const c = this.buf[this.pos];
    if (c === COMMA || c === close) {
      this.pos += 1;
      return c === COMMA;
    }
    throw this.refusal();
  }

  /** True (and consumed) when the next byte closes the object or array just opened. */
  empty(close: number): boolean {
    this.skipSpace();
    if (this.pos >= this.buf.length) throw this.refusal();
    if (this.buf[this.pos] !== close) return false;
    this.pos += 1;
    return true;
  }

  /**
   * A string's content bounds [start, end) after its opening quote, or fails on an unterminated string
   * or a raw control character. `plain` says whether it is ASCII without escapes.
   */
  private stringBounds(): { start: number; end: number; plain: boolean } {
    this.expect(QUOTE);
    const b = this.buf;
    const start = this.pos;
    let plain = true;
    for (let i = start; i < b.length; i += 1) {
      const c = b[i] as number;
      if (c === QUOTE) {
        this.pos = i + 1;
        return { start, end: i, plain };
      }
      if (c < 0x20) throw notAccepted;
      if (c === BACKSLASH) {
        plain = false;
        i += 1; // the escaped character (a quote or backslash must not end or start anything)
      } else if (c >= 0x80) plain = false;
    }
    this.ranOut = true;
    throw notAccepted;
  }

  /** notAccepted, noting whether the bytes simply ended here. */
  private refusal(): NotAccepted {
    return this.refusalAt(this.pos);
  }

  private refusalAt(index: number): NotAccepted {
    if (index >= this.buf.length) this.ranOut = true;
    return notAccepted;
  }

  /** A string value; with a `slot`, the same bytes as that slot held in the series before give the same string. */
  string(slot = -1): string {
    if (slot >= 0) {
      const repeated = this.repeatedString(slot);
      if (repeated !== undefined) return repeated;
    }
    const { start, end, plain } = this.stringBounds();
    if (!plain) return this.decodeEscaped(start, end);
    const text = this.decode(start, end);
    if (slot >= 0) {
      this.prevStart[slot] = start;
      this.prevEnd[slot] = end;
      this.prevText[slot] = text;
    }
    return text;
  }

  /**
   * The slot's string from the series before when the next string has the same bytes (compared in one
   * pass: the string before held no quote or escape, so equal bytes followed by a quote are the whole
   * string), consumed; else undefined and nothing consumed.
   */
  private repeatedString(slot: number): string | undefined {
    const prevStart = this.prevStart[slot];
    if (prevStart === undefined) return undefined;
    this.skipSpace();
    const b = this.buf;
    const start = this.pos + 1;
    const length = (this.prevEnd[slot] as number) - prevStart;
    if (b[this.pos] !== QUOTE || b[start + length] !== QUOTE) return undefined;
    for (let i = 0; i < length; i += 1) if (b[start + i] !== b[prevStart + i]) return undefined;
    this.pos = start + length + 1;
    return this.prevText[slot];
  }

  /** Whether the next string is exactly `ascii` (compared as bytes, nothing decoded), consuming it. */
  stringIs(ascii: string): boolean {
    const { start, end, plain } = this.stringBounds();
    if (!plain || end - start !== ascii.length) return false;
    for (let i = 0; i < ascii.length; i += 1) if (this.buf[start + i] !== ascii.charCodeAt(i)) return false;
    return true;
  }

  /** Whether the next key is `ascii`; if so, consumes it and its colon, else consumes nothing. */
  keyIs(ascii: string): boolean {
    const at = this.pos;
    if (this.stringIs(ascii)) {
      this.expect(COLON);
      return true;
    }
    this.pos = at;
    return false;
  }

  /**
   * A string holding a number: a plain decimal of up to 15 digits is read from the bytes (see
   * plainDecimal), anything else is decoded and handed to `parse`.
   */
  stringAsNumber(parse: (text: string) => number): number {
    const { start, end, plain } = this.stringBounds();
    if (plain) {
      const fast = plainDecimal(this.buf, start, end);
      if (fast !== undefined) return fast;
      return parse(this.decode(start, end));
    }
    return parse(this.decodeEscaped(start, end));
  }

  /** Escapes and UTF-8 as JSON defines them; a bad escape or bad UTF-8 is not accepted. */
  private decodeEscaped(start: number, end: number): string {
    let text: unknown;
    try {
      text = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(this.buf.subarray(start - 1, end + 1)));
    } catch {
      throw notAccepted;
    }
    return text as string;
  }

  /** A JSON number (its grammar checked), as JavaScript reads it. */
  number(): number {
    this.skipSpace();
    const b = this.buf;
    const start = this.pos;
    let i = start;
    if (b[i] === MINUS) i += 1;
    const intStart = i;
    while (isDigit(b[i])) i += 1;
    const intDigits = i - intStart;
    if (intDigits === 0 || (intDigits > 1 && b[intStart] === DIGIT_0)) throw this.refusalAt(i);
    let fracDigits = 0;
    if (b[i] === DOT) {
      i += 1;
      while (isDigit(b[i + fracDigits])) fracDigits += 1;
      if (fracDigits === 0) throw this.refusalAt(i + 1);
      i += fracDigits;
    }
    let exponent = false;
    if (b[i] === 0x65 || b[i] === 0x45) {
      exponent = true;
      i += 1;
      if (b[i] === PLUS || b[i] === MINUS) i += 1;
      if (!isDigit(b[i])) throw this.refusalAt(i);
      while (isDigit(b[i])) i += 1;
    }
    // A number that reaches the end of the bytes may go on in the next ones.
    if (i >= b.length) {
      this.ranOut = true;
      throw notAccepted;
    }
    this.pos = i;
    return (exponent ? undefined : plainDecimal(b, start, i)) ?? Number(this.decode(start, i));
  }

  /** Skips any JSON value (an envelope field this scan does not use), checking only its brackets and strings. */
  skipValue(): void {
    this.skipSpace();
    const c = this.buf[this.pos];
    if (c === QUOTE) {
      this.stringBounds();
      return;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      this.pos += 1;
      if (this.empty(close)) return;
      do {
        if (close === CLOSE_BRACE) {
          this.stringBounds();
          this.expect(COLON);
        }
        this.skipValue();
      } while (this.more(close));
      return;
    }
    if (c === MINUS || isDigit(c)) {
      this.number();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (this.bytesAre(literal)) {
        this.pos += literal.length;
        return;
      }
    }
    if (this.pos + 5 > this.buf.length) this.ranOut = true;
    throw notAccepted;
  }

  private bytesAre(ascii: string): boolean {
    for (let i = 0; i < ascii.length; i += 1) if (this.buf[this.pos + i] !== ascii.charCodeAt(i)) return false;
    return true;
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= DIGIT_0 && c <= DIGIT_9;
}

/**
 * The value of bytes that are an optional minus, digits, and optionally a dot and more digits, with
 * at most 15 digits in all; undefined for anything else. Such digits are an exact integer and one
 * division by an exact power of ten is correctly rounded, as Number() is: the two agree bit for bit.
 */
function plainDecimal(b: Uint8Array, start: number, end: number): number | undefined {
  const negative = b[start] === MINUS;
  let i = negative ? start + 1 : start;
  let n = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i += 1) {
    const c = b[i] as number;
    if (c === DOT && fraction < 0 && digits > 0) fraction = 0;
    else if (c >= DIGIT_0 && c <= DIGIT_9) {
      n = n * 10 + (c - DIGIT_0);
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else return undefined;
  }
  if (digits === 0 || digits > 15 || fraction === 0) return undefined;
  const value = fraction > 0 ? n / (POW10[fraction] as number) : n;
  return negative ? -value : value;
}

/** The value string of a sample ("1.5", "0", "NaN", "+Inf"), read as parseSampleValue reads it. */
function sampleValue(s: Scanner): number {
  return s.stringAsNumber((text) => parseSampleValue(text));
}

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
      value = sampleValue(s);
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
      if (key === 'status') this.success = s.stringIs('success');
      else if (key === 'data') return this.dataHead(s);
      // The envelope's schema checks these lists; leave them to it.
      else if (key === 'warnings' || key === 'infos') throw notAccepted;
      else s.skipValue();
      if (!s.more(CLOSE_BRACE)) throw notAccepted;
    }
  }

  private dataHead(s: Scanner): void {
    s.expect(OPEN_BRACE);
    if (s.empty(CLOSE_BRACE)) throw notAccepted;
    for (;;) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'resultType') this.vector = s.stringIs('vector');
      else if (key === 'result') {
        // The series are read as vector series: a `result` before `resultType` is left to the general path.
        if (!this.vector) throw notAccepted;
        s.expect(OPEN_BRACKET);
        return;
      } else s.skipValue();
      if (!s.more(CLOSE_BRACE)) throw notAccepted;
    }
  }

  /** After `result`: the rest of `data`, the rest of the envelope, and nothing after it. */
  private tail(s: Scanner): void {
    while (s.more(CLOSE_BRACE)) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'resultType') this.vector = s.stringIs('vector');
      else if (key === 'result') throw notAccepted;
      else s.skipValue();
    }
    while (s.more(CLOSE_BRACE)) {
      const key = s.string();
      s.expect(COLON);
      if (key === 'status') this.success = s.stringIs('success');
      else if (key === 'data' || key === 'warnings' || key === 'infos') throw notAccepted;
      else s.skipValue();
    }
    if (!s.atEnd()) throw notAccepted;
  }
}

/** Only ASCII ranges are decoded this way (escapes and UTF-8 go through decodeEscaped). */
function decoderFor(bytes: Uint8Array): (start: number, end: number) => string {
  return Buffer.isBuffer(bytes)
    ? (start, end) => bytes.toString('latin1', start, end)
    : (start, end) => asciiDecoder.decode(bytes.subarray(start, end));
}

/** The samples of a whole answer at once (see VectorAnswerReader). */
export function scanVectorAnswer(body: Uint8Array): VectorSample[] | undefined {
  const reader = new VectorAnswerReader();
  reader.push(body);
  return reader.end();
}
