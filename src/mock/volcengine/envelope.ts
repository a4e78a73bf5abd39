import { randomUUID } from 'node:crypto';
import { errorCode } from '../../spec/error-codes.ts';
import type { MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { worded } from '../message-wording.ts';
import { gatewayCodeNumber } from './gateway-code-numbers.ts';

/** What the envelope echoes of a request: its Action and Version (when it had them) and its region. */
export interface EnvelopeEcho {
  action?: string;
  version?: string;
  region: string;
}

/** The operation's own Action and Version, which `ecsDefaultsEcho: 'defaults'` names for a missing one. */
const DEFAULTS = { action: 'AttachKeyPair', version: '2020-04-01' } as const;

function requestId(ctx: MockContext): string {
  if (ctx.broken('ecs.attach-key-pair.request-id')) return '';
  return `${secondStamp(ctx.now())}${randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase()}`;
}

/** YYYYMMDDhhmmss of an instant; the last one is kept, as a busy mock writes the same second many times. */
let lastStamp = { second: NaN, text: '' };
function secondStamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastStamp.second) lastStamp = { second, text: new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14) };
  return lastStamp.text;
}

/**
 * ResponseMetadata. A gateway error under `ecsGatewayEnvelope: 'minimal'` carries RequestId alone (and
 * Error); otherwise Action and Version as the request had them (or, with `ecsDefaultsEcho: 'defaults'`,
 * the operation's for a missing one), Service and Region.
 */
function metadata(ctx: MockContext, echo: EnvelopeEcho, gateway: boolean): Record<string, unknown> {
  const meta: Record<string, unknown> = { RequestId: requestId(ctx) };
  if (!(gateway && ctx.readings.ecsGatewayEnvelope === 'minimal')) {
    const named: Partial<typeof DEFAULTS> = ctx.readings.ecsDefaultsEcho === 'defaults' ? DEFAULTS : {};
    const action = echo.action ?? named.action;
    const version = echo.version ?? named.version;
    if (action !== undefined) meta.Action = action;
    if (version !== undefined) meta.Version = version;
    meta.Service = 'ecs';
    meta.Region = ctx.broken('ecs.envelope-echo') ? (echo.region === 'cn-shanghai' ? 'cn-guangzhou' : 'cn-shanghai') : echo.region;
  }
  if (echo.version === undefined && ctx.broken('ecs.envelope:wrong-defaults')) meta.Version = '2019-01-01';
  return meta;
}

function errorEnvelope(ctx: MockContext, echo: EnvelopeEcho, status: number, code: string, message: string | undefined, gateway: boolean): MockResponse {
  const documented = message ?? errorCode('volcengine-ecs', code).message ?? code;
  const codeN = gateway ? gatewayCodeNumber(ctx, code) : undefined;
  const error: Record<string, unknown> = { ...(codeN !== undefined ? { CodeN: codeN } : {}), Code: code, Message: worded(ctx, code, documented) };
  if (ctx.broken('ecs.attach-key-pair.response-schema')) error.CodeN = '100000';
  return { status, body: { ResponseMetadata: { ...metadata(ctx, echo, gateway), Error: error } } };
}

/** A service error envelope (ResponseMetadata.Error, no Result) with the catalogue's message for the code. */
export function ecsError(ctx: MockContext, echo: EnvelopeEcho, status: number, code: string, message?: string): MockResponse {
  return errorEnvelope(ctx, echo, status, code, message, false);
}

/**
 * An error the gateway gives before the request reaches ECS (authentication, Action and Version,
 * throttling): its metadata and CodeN as the readings say.
 */
export function ecsGatewayError(ctx: MockContext, echo: EnvelopeEcho, status: number, code: string, message?: string): MockResponse {
  return errorEnvelope(ctx, echo, status, code, message, true);
}

/** A success envelope: ResponseMetadata and Result, no Error. */
export function ecsSuccess(ctx: MockContext, echo: EnvelopeEcho, result: unknown): MockResponse {
  const meta = metadata(ctx, echo, false);
  if (ctx.broken('ecs.envelope')) delete meta.Service;
  const status = ctx.broken('ecs.attach-key-pair.success-status') ? 202 : 200;
  const body = { ResponseMetadata: meta, Result: result };
  if (ctx.broken('ecs.attach-key-pair.content-type')) {
    return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, rawBody: JSON.stringify(body) };
  }
  return { status, body };
}
