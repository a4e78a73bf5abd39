import { getOperation } from '../../spec/operations.ts';
import { decodeRpcQuery } from '../../spec/wire-encoding.ts';
import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import { parseTarget } from '../http/parse-target.ts';
import type { MockContext } from '../mock-context.ts';
import { attachKeyPair, takeClientToken, type AttachRequest } from './attach-key-pair.ts';
import { authenticateVolcengine, type VolcengineDenial } from './authenticate-volcengine.ts';
import { ecsError, ecsGatewayError, type EnvelopeEcho } from './envelope.ts';

const attach = getOperation('AttachKeyPair');
const encoding = attach.wireEncoding!;
const KNOWN = new Set(['Action', 'Version', 'KeyPairName', 'KeyPairId', 'ClientToken', ...Object.keys(encoding.indexed)]);

/**
 * The Volcengine gateway: signature, Action and Version, then the action. The request is the query,
 * decoded by the spec's x-wire-encoding (InstanceIds.N); indexes that are not 1…10000 are ignored.
 */
export async function routeVolcengine(ctx: MockContext, req: MockRequest): Promise<MockResponse> {
  // The SDKs may POST the members as a form body; they are the same parameters as in the query.
  const form = req.method === 'POST' && /x-www-form-urlencoded/i.test(String(req.headers['content-type'] ?? ''));
  const query = form ? [...req.query, ...parseTarget(`?${req.body.toString('utf8')}`).query] : req.query;
  const params = new Map(query);
  const echo: EnvelopeEcho = { action: params.get('Action'), version: params.get('Version'), region: ctx.options.fixtures.volcengineRegion };
  const denied = authenticateVolcengine(ctx, req, echo);
  if (denied) {
    if (takesTokenAnyway(ctx, denied) && isAttachKeyPair(echo))
      takeClientToken(ctx, echo, attachRequest(decodeRpcQuery(encoding, query).request), denied.accessKey ?? ctx.options.credentials.volcengine.accessKey);
    return denied.response;
  }
  if (echo.action === undefined || echo.version === undefined) return missingActionOrVersion(ctx, echo);
  const versionOk = echo.version === encoding.fixed.Version || ctx.broken('ecs.version');
  if (echo.action !== encoding.fixed.Action || !versionOk || (req.method !== 'GET' && req.method !== 'POST')) {
    return ecsGatewayError(ctx, echo, 404, 'InvalidActionOrVersion', `Could not find operation ${echo.action} for version ${echo.version}.`);
  }
  if (ctx.broken('ecs.attach-key-pair.flow-limit') && ++ctx.attachCalls % 10 === 0) {
    return ecsError(ctx, echo, 429, 'TooManyRequests', 'Too many requests.');
  }
  const decoded = decodeRpcQuery(encoding, query);
  const unknown = Object.keys(decoded.request).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0 && ctx.broken('ecs.attach-key-pair.error-code-documented')) {
    return ecsError(ctx, echo, 400, 'UnknownParameter', `Unknown parameter ${unknown[0]}.`);
  }
  const accessKey = String(req.headers.authorization ?? '').match(/Credential=([^/]+)\//)?.[1] ?? '';
  return attachKeyPair(ctx, echo, attachRequest(decoded.request), accessKey);
}

/** A request without Action or Version: 400 MissingParameter or 404 InvalidActionOrVersion (`ecsMissingActionOrVersion`). */
function missingActionOrVersion(ctx: MockContext, echo: EnvelopeEcho): MockResponse {
  if (ctx.readings.ecsMissingActionOrVersion === 'InvalidActionOrVersion') {
    return ecsGatewayError(ctx, echo, 404, 'InvalidActionOrVersion', `Could not find operation ${echo.action ?? ''} for version ${echo.version ?? ''}.`);
  }
  return ecsGatewayError(ctx, echo, 400, 'MissingParameter', `The request is missing ${echo.action === undefined ? 'Action' : 'Version'} parameter.`);
}

function takesTokenAnyway(ctx: MockContext, denied: VolcengineDenial): boolean {
  return (
    (denied.reason === 'required' && ctx.broken('ecs.auth.required:token-taken')) ||
    (denied.reason === 'bad-signature' && ctx.broken('ecs.auth.bad-signature:token-taken'))
  );
}

const isAttachKeyPair = (echo: EnvelopeEcho) => echo.action === encoding.fixed.Action && echo.version === encoding.fixed.Version;

/** The logical request from the decoded query (the spec's wire encoding); empty members count as absent. */
function attachRequest(r: Readonly<Record<string, string | string[]>>): AttachRequest {
  const text = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    instanceIds: Array.isArray(r.InstanceIds) ? r.InstanceIds : [],
    keyPairName: text(r.KeyPairName),
    keyPairId: text(r.KeyPairId),
    clientToken: text(r.ClientToken),
  };
}
