import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from './target-file.schema.json' with { type: 'json' };
import type { HuaweiCredentials, ResolvedTarget } from './resolved-target.ts';
import { TargetFileError } from './target-file-error.ts';

const validate = new Ajv2020({ allErrors: false, strict: true, strictRequired: false }).compile(schema);

const DEFAULT_SAFETY = { allowMutations: true, maxRequests: 100_000, requestsPerSecond: 0, requestTimeoutMs: 10_000 };

/**
 * Reads a target file (docs/DESIGN.md), validates it, and reads the credentials from the environment
 * variables it names. Every problem is one TargetFileError naming the file, the place and the fix.
 */
export function loadTargetFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedTarget {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TargetFileError(`target file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path given to --target.`);
  }
  let raw: any;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TargetFileError(`target file ${file}: is not JSON (${(error as Error).message}). Fix the syntax; docs/DESIGN.md shows the format.`);
  }
  if (!validate(raw)) {
    const e = validate.errors![0]!;
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the top level';
    const detail = e.schemaPath.startsWith('#/anyOf')
      ? 'names no cloud: add "huaweicloud" or "volcengine"'
      : e.schemaPath.includes('/auth/oneOf')
        ? 'needs either akEnv and skEnv, or tokenEnv, not both'
        : e.keyword === 'additionalProperties'
          ? `has an unknown member "${e.params.additionalProperty}"`
          : e.message;
    throw new TargetFileError(`target file ${file}: ${where} ${detail}. See docs/DESIGN.md for the format.`);
  }
  const secrets: string[] = [];
  const read = (path: string, name: string | undefined, optional = false): string | undefined => {
    if (name === undefined) return undefined;
    const value = env[name];
    if (value === undefined || value === '') {
      if (optional) return undefined;
      throw new TargetFileError(`target file ${file}: ${path} names ${name}, which is not set. Set it in the environment (credentials never go in the file).`);
    }
    secrets.push(value);
    return value;
  };
  const doc = raw as Record<string, any>;
  const hw = doc.huaweicloud;
  const volc = doc.volcengine;
  const huaweiCredentials = (): HuaweiCredentials =>
    hw.auth.tokenEnv
      ? { kind: 'token', token: read('huaweicloud.auth.tokenEnv', hw.auth.tokenEnv)! }
      : {
          kind: 'aksk',
          accessKey: read('huaweicloud.auth.akEnv', hw.auth.akEnv)!,
          secretKey: read('huaweicloud.auth.skEnv', hw.auth.skEnv)!,
          securityToken: read('huaweicloud.auth.securityTokenEnv', hw.auth.securityTokenEnv, true),
        };
  return {
    name: doc.name,
    file,
    huaweicloud: hw && {
      endpoint: hw.endpoint.replace(/\/+$/, ''),
      region: hw.region ?? '',
      projectId: hw.projectId,
      credentials: huaweiCredentials(),
      taskTimeoutMs: hw.taskTimeoutMs ?? 30 * 60 * 1000,
      taskPoll: { firstMs: hw.taskPoll?.firstMs ?? 100, maxIntervalMs: hw.taskPoll?.maxIntervalMs ?? 20_000 },
      caFile: hw.caFile,
      fixtures: {
        keypairs: hw.fixtures.keypairs ?? [],
        servers: { running: hw.fixtures.servers?.running ?? [], bound: hw.fixtures.servers?.bound ?? [], stopped: hw.fixtures.servers?.stopped ?? [] },
        originalKeypairs: hw.fixtures.originalKeypairs ?? {},
      },
    },
    volcengine: volc && {
      endpoint: volc.endpoint.replace(/\/+$/, ''),
      region: volc.region,
      credentials: {
        accessKey: read('volcengine.auth.akEnv', volc.auth.akEnv)!,
        secretKey: read('volcengine.auth.skEnv', volc.auth.skEnv)!,
        securityToken: read('volcengine.auth.securityTokenEnv', volc.auth.securityTokenEnv, true),
      },
      caFile: volc.caFile,
      fixtures: {
        keyPairs: volc.fixtures.keyPairs ?? [],
        instances: {
          running: volc.fixtures.instances?.running ?? [],
          stopped: volc.fixtures.instances?.stopped ?? [],
          windows: volc.fixtures.instances?.windows ?? [],
          noAgent: volc.fixtures.instances?.noAgent ?? [],
          transitional: volc.fixtures.instances?.transitional ?? [],
        },
        originalKeyPairs: volc.fixtures.originalKeyPairs ?? {},
      },
    },
    safety: { ...DEFAULT_SAFETY, ...doc.safety },
    secrets,
  };
}
