/**
 * JSON read straight from bytes, a token at a time, for readers of one known answer shape
 * (vector-scan.ts): strings are decoded only when asked for (and reused when they repeat the string
 * at the same place in the record before), numbers are read from their digits. Every read checks the
 * JSON grammar; anything else throws `notAccepted`, with `ranOut` set when the bytes simply ended,
 * so a reader of an answer still arriving can wait for the rest.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Thrown when the bytes are not what a reader accepts; readers catch it (it never reaches their callers). */
export class NotAccepted {}
export const notAccepted = new NotAccepted();

const asciiDecoder = new TextDecoder();

/** Powers of ten exact as doubles (up to 1e22), for decimals read from their digits. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export class Scanner {
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

/** Only ASCII ranges are decoded this way (escapes and UTF-8 go through decodeEscaped). */
export function decoderFor(bytes: Uint8Array): (start: number, end: number) => string {
  return Buffer.isBuffer(bytes)
    ? (start, end) => bytes.toString('latin1', start, end)
    : (start, end) => asciiDecoder.decode(bytes.subarray(start, end));
}
