import type { MockContext } from './mock-context.ts';

/**
 * An error's message as the mock sends it: the documents' words, or with `messages: 'alternate'` other
 * words for the same code, as a server may word them (no rule judges wording).
 */
export function worded(ctx: MockContext, code: string, documented: string): string {
  return ctx.readings.messages === 'alternate' ? `Request failed: ${code}.` : documented;
}
