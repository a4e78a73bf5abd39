import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTargetFile } from '../../../src/engine/target/load-target-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'target-files-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const env = { HWC_AK: 'ak', HWC_SK: 'sk', VOLC_AK: 'vak', VOLC_SK: 'vsk', HWC_TOKEN: 'tok' };

/** An example target file with its placeholders filled in, as a user would after copying it. */
const filled = (file: string) =>
  write(
    `filled-${file.split('/').pop()}`,
    readFileSync(file, 'utf8').replace(/"replace-with-[^"]*"/g, (_m) => `"filled-${Math.random().toString(36).slice(2, 8)}"`),
  );

test("the example target files are refused until their placeholders are replaced, naming the first one's path", () => {
  const cases: [string, string][] = [
    ['targets/huaweicloud.example.json', 'huaweicloud.projectId is still the example\'s placeholder "replace-with-your-32-character-project-id"'],
    ['targets/volcengine.example.json', "volcengine.fixtures.keyPairs[0].id is still the example's placeholder"],
  ];
  for (const [file, message] of cases) {
    expect(() => loadTargetFile(file, env)).toThrow(message);
  }
});

test('the example target files for the real endpoints are valid once filled in', () => {
  for (const file of ['targets/huaweicloud.example.json', 'targets/volcengine.example.json']) {
    const target = loadTargetFile(filled(file), env);
    expect(target.huaweicloud?.endpoint ?? target.volcengine?.endpoint).toMatch(
      /^https:\/\/(kms\.cn-north-4\.myhuaweicloud\.com|ecs\.cn-beijing\.volcengineapi\.com)$/,
    );
    expect(target.safety.requestsPerSecond).toBe(2);
  }
});

test('credentials come from the environment variables the file names, and are listed as secrets', () => {
  const target = loadTargetFile(filled('targets/huaweicloud.example.json'), env);
  expect(target.huaweicloud!.credentials).toEqual({ kind: 'aksk', accessKey: 'ak', secretKey: 'sk', securityToken: undefined });
  expect(target.secrets).toEqual(['ak', 'sk']);
  expect(target.huaweicloud!.taskPoll).toEqual({ firstMs: 10000, maxIntervalMs: 20000 });
});

const problems: [string, unknown, string][] = [
  ['not JSON', '{"name": ', 'is not JSON'],
  ['no cloud', { name: 'x' }, 'the top level names no cloud: add "huaweicloud" or "volcengine"'],
  [
    'an unknown member',
    { name: 'x', volcengine: { endpoint: 'http://h', region: 'r', auth: { akEnv: 'VOLC_AK', skEnv: 'VOLC_SK' }, fixtures: { colour: 1 } } },
    'volcengine.fixtures.colour is not a member volcengine.fixtures has (keyPairs, instances, originalKeyPairs)',
  ],
  [
    'a misspelt member',
    { name: 'x', volcengine: { endpiont: 'http://h', region: 'r', auth: { akEnv: 'VOLC_AK', skEnv: 'VOLC_SK' }, fixtures: {} } },
    'volcengine.endpiont is not a member volcengine has (endpoint, region, auth, caFile, fixtures); did you mean "endpoint"?',
  ],
  [
    'an unknown cloud',
    {
      name: 'x',
      alibabacloud: { endpoint: 'http://h' },
      volcengine: { endpoint: 'http://h', region: 'r', auth: { akEnv: 'VOLC_AK', skEnv: 'VOLC_SK' }, fixtures: {} },
    },
    '"alibabacloud" is not a cloud or setting this suite knows (name, huaweicloud, volcengine, safety)',
  ],
  [
    'a misspelt safety setting',
    { name: 'x', safety: { maxRequest: 5 }, volcengine: { endpoint: 'http://h', region: 'r', auth: { akEnv: 'VOLC_AK', skEnv: 'VOLC_SK' }, fixtures: {} } },
    'safety.maxRequest is not a member safety has (allowMutations, maxRequests, requestsPerSecond, requestTimeoutMs); did you mean "maxRequests"?',
  ],
  [
    'a placeholder in a list',
    {
      name: 'x',
      volcengine: {
        endpoint: 'http://h',
        region: 'r',
        auth: { akEnv: 'VOLC_AK', skEnv: 'VOLC_SK' },
        fixtures: { instances: { running: ['i-1', 'replace-with-another'] } },
      },
    },
    'volcengine.fixtures.instances.running[1] is still the example\'s placeholder "replace-with-another"',
  ],
  [
    'a bad endpoint',
    { name: 'x', volcengine: { endpoint: 'ftp://h', region: 'r', auth: { akEnv: 'VOLC_AK', skEnv: 'VOLC_SK' }, fixtures: {} } },
    'volcengine.endpoint must match pattern',
  ],
  [
    'an unset variable',
    { name: 'x', volcengine: { endpoint: 'http://h', region: 'r', auth: { akEnv: 'NOT_SET_ANYWHERE', skEnv: 'VOLC_SK' }, fixtures: {} } },
    'volcengine.auth.akEnv names NOT_SET_ANYWHERE, which is not set. Set it in the environment (credentials never go in the file).',
  ],
  [
    'both token and AK/SK',
    { name: 'x', huaweicloud: { endpoint: 'http://h', projectId: 'p', auth: { akEnv: 'HWC_AK', skEnv: 'HWC_SK', tokenEnv: 'HWC_TOKEN' }, fixtures: {} } },
    'huaweicloud.auth needs either akEnv and skEnv, or tokenEnv, not both',
  ],
];

for (const [what, content, message] of problems) {
  test(`a target file with ${what} is one line naming the file and the fix`, () => {
    const path = write(`${what.replace(/\W/g, '-')}.json`, content);
    let error: Error | undefined;
    try {
      loadTargetFile(path, env);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('TargetFileError');
    expect(error!.message).toContain(`target file ${path}: `);
    expect(error!.message).toContain(message);
    expect(error!.message.split('\n')).toHaveLength(1);
  });
}

test('a missing file names the path', () => {
  expect(() => loadTargetFile(join(dir, 'nope.json'), env)).toThrow(/target file .*nope\.json: cannot be read \(ENOENT\)\. Check the path given to --target\./);
});

test('plan-style loading reads no credentials: an unset variable is a placeholder, not an error', () => {
  const path = write('plan.json', {
    name: 'x',
    volcengine: { endpoint: 'http://h', region: 'r', auth: { akEnv: 'NOT_SET_ANYWHERE', skEnv: 'VOLC_SK' }, fixtures: {} },
  });
  const target = loadTargetFile(path, {}, { credentials: 'placeholder' });
  expect(target.volcengine!.credentials.accessKey).toBe('unset-NOT_SET_ANYWHERE');
  expect(() => loadTargetFile(path, {})).toThrow('NOT_SET_ANYWHERE, which is not set');
});
