import type { ResolvedTarget } from '../../target/resolved-target.ts';
import { CLOUDS, type Cloud } from '../../../families/api-families.ts';
import type { ClientCredential, CredentialChoice } from './client-under-test.ts';

/** Huawei AK/SK or Volcengine credentials, as the client is to use them. */
interface KeyPairCredential {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken?: string;
}

/** The prefix of the variables a harness reads a cloud's credentials from: CONFORMANCE_<CLOUD>_AK… */
const prefixOf = (cloud: Cloud) => `CONFORMANCE_${cloud.toUpperCase()}`;

/**
 * Each cloud's credentials in a target: the key pair a client signs with, if any, and the other secrets
 * the target holds for it (a Huawei IAM token is no client credential, but a client must not print it).
 */
const CREDENTIALS: Record<Cloud, { key(target: ResolvedTarget): KeyPairCredential | undefined; tokens(target: ResolvedTarget): string[] }> = {
  huaweicloud: {
    key: (target) => {
      const c = target.huaweicloud?.credentials;
      return c?.kind === 'aksk' ? c : undefined;
    },
    tokens: (target) => {
      const c = target.huaweicloud?.credentials;
      return c?.kind === 'token' ? [c.token] : [];
    },
  },
  volcengine: { key: (target) => target.volcengine?.credentials, tokens: () => [] },
};

const credentialOf = (target: ResolvedTarget, cloud: Cloud) => CREDENTIALS[cloud].key(target);

/**
 * The credentials of a call, by value and by the variable names a harness reads them from: the target's
 * own, one with a wrong secret key, one with an access key the target does not know.
 */
export function clientCredential(target: ResolvedTarget, cloud: Cloud, choice: CredentialChoice): ClientCredential {
  const c = credentialOf(target, cloud) ?? { accessKey: '', secretKey: '' };
  const p = prefixOf(cloud);
  const token = c.securityToken !== undefined ? { securityToken: c.securityToken, securityTokenVar: `${p}_SECURITY_TOKEN` } : {};
  if (choice === 'wrong-secret')
    return { accessKey: c.accessKey, secretKey: `${c.secretKey}-wrong`, accessKeyVar: `${p}_AK`, secretKeyVar: `${p}_SK_WRONG`, ...token };
  if (choice === 'unknown-access-key')
    return { accessKey: `${c.accessKey}UNKNOWN`, secretKey: c.secretKey, accessKeyVar: `${p}_AK_UNKNOWN`, secretKeyVar: `${p}_SK`, ...token };
  return { accessKey: c.accessKey, secretKey: c.secretKey, accessKeyVar: `${p}_AK`, secretKeyVar: `${p}_SK`, ...token };
}

/** Every variable a harness may be told to read, with its value: given to the harness's environment. */
export function harnessCredentialEnv(target: ResolvedTarget): Record<string, string> {
  const env: Record<string, string> = {};
  for (const cloud of CLOUDS) {
    if (!credentialOf(target, cloud)) continue;
    for (const choice of ['default', 'wrong-secret', 'unknown-access-key'] as const) {
      const c = clientCredential(target, cloud, choice);
      env[c.accessKeyVar] = c.accessKey;
      env[c.secretKeyVar] = c.secretKey;
      if (c.securityTokenVar && c.securityToken !== undefined) env[c.securityTokenVar] = c.securityToken;
    }
  }
  return env;
}

/** Every secret a client could leak: the secret keys (the wrong one too) and tokens, for the output scan. */
export function clientSecrets(target: ResolvedTarget): string[] {
  const out: string[] = [];
  for (const cloud of CLOUDS) {
    out.push(...CREDENTIALS[cloud].tokens(target));
    const c = credentialOf(target, cloud);
    if (!c) continue;
    out.push(c.secretKey, `${c.secretKey}-wrong`);
    if (c.securityToken) out.push(c.securityToken);
  }
  return out.filter((s) => s.length >= 4);
}
