import { randomUUID } from 'node:crypto';
import { errorCode } from '../../spec/error-codes.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';

/** What the envelope echoes of a request: its Action and Version (when it had them) and its region. */
export interface EnvelopeEcho {
  action?: string;
  version?: string;
  region: string;
}

function requestId(ctx: MockContext): string {
  if (ctx.broken('ecs.attach-key-pair.request-id')) return '';
  const stamp = new Date(ctx.now()).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase()}`;
}

function metadata(ctx: MockContext, echo: EnvelopeEcho): Record<string, unknown> {
  const meta: Record<string, unknown> = { RequestId: requestId(ctx) };
  if (echo.action !== undefined) meta.Action = echo.action;
  if (echo.version !== undefined) meta.Version = echo.version;
  meta.Service = 'ecs';
  meta.Region = ctx.broken('ecs.envelope-echo') ? (echo.region === 'cn-shanghai' ? 'cn-guangzhou' : 'cn-shanghai') : echo.region;
  return meta;
}

/** An error envelope (ResponseMetadata.Error, no Result) with the catalogue's message for the code. */
export function ecsError(ctx: MockContext, echo: EnvelopeEcho, status: number, code: string, message?: string): MockResponse {
  const entry = message === undefined ? errorCode('volcengine-ecs', code) : undefined;
  const error: Record<string, unknown> = { Code: code, Message: message ?? entry?.message ?? code };
  if (ctx.broken('ecs.attach-key-pair.response-schema')) error.CodeN = '100000';
  return { status, body: { ResponseMetadata: { ...metadata(ctx, echo), Error: error } } };
}

/** A success envelope: ResponseMetadata and Result, no Error. */
export function ecsSuccess(ctx: MockContext, echo: EnvelopeEcho, result: unknown): MockResponse {
  const meta = metadata(ctx, echo);
  if (ctx.broken('ecs.envelope')) delete meta.Service;
  const status = ctx.broken('ecs.attach-key-pair.success-status') ? 202 : 200;
  const body = { ResponseMetadata: meta, Result: result };
  if (ctx.broken('ecs.attach-key-pair.content-type')) {
    return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, rawBody: JSON.stringify(body) };
  }
  return { status, body };
}
