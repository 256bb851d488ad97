/** One entry point for trace documents of any supported format. */
import type { Trace } from './model';
import { isOtlpDocument, parseOtlpTraces } from './parse-otlp';
import { parseV1Traces } from './parse-v1';

export { TraceFormatError } from './parse-v1';

export function parseTraceDocument(json: unknown): Trace[] {
  return isOtlpDocument(json) ? parseOtlpTraces(json) : parseV1Traces(json);
}
