import { cloudOfOperation, type Cloud } from '../../families/api-families.ts';
import type { Case } from '../cases/case.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import { buildHuaweiRequest } from './build-huawei-request.ts';
import { buildVolcengineRequest } from './build-volcengine-request.ts';
import type { SentRequest } from './exchange.ts';

/** Each cloud's request builder: the wire request of a case, signed over the exact bytes sent. */
const BUILDERS: Record<Cloud, (target: ResolvedTarget, c: Case, now?: Date) => SentRequest> = {
  huaweicloud: (target, c, now) => buildHuaweiRequest(target.huaweicloud!, c, now),
  volcengine: (target, c, now) => buildVolcengineRequest(target.volcengine!, c, now),
};

/** The wire request of a case, built by the cloud its operation belongs to. */
export function buildRequest(target: ResolvedTarget, c: Case, now?: Date): SentRequest {
  return BUILDERS[cloudOfOperation(c.operation)](target, c, now);
}
