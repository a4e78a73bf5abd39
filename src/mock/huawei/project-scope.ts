import type { MockRequest, MockResponse } from '../http/mock-exchange.ts';
import type { MockContext } from '../mock-context.ts';
import { kpsError, type KpsOperation } from './kps-response.ts';

/**
 * The gateway's answer to a project the caller may not use: 403 APIGW.0310 "The project is unavailable."
 * (API Request Signing Guide, error codes: "Select another project and try again"). No page or report
 * shows what the gateway answers to a project_id of another account; this is the documented gateway code
 * about the project, and 403 is what a caller authenticated but not allowed there gets.
 */
const PROJECT_UNAVAILABLE = { status: 403, code: 'APIGW.0310', message: 'The project is unavailable.' } as const;

/**
 * After authentication, the project the request acts in must be the caller's: the path's `project_id`
 * the mock's configured project (`fixtures.projectId`, the target file's `huaweicloud.projectId`), and on
 * an AK/SK request an `X-Project-Id` header, when sent, the path's (the signing guide: AK/SK requests name
 * their project in it; the SDKs send the credential's). A token carries its own project, so only the path
 * is compared for one. Undefined when the request may go on.
 */
export function refuseOtherProject(ctx: MockContext, op: KpsOperation, req: MockRequest, pathProject: string): MockResponse | undefined {
  const header = req.headers['x-project-id'];
  const signed = typeof req.headers['x-auth-token'] !== 'string';
  const otherPath = pathProject !== ctx.options.fixtures.projectId;
  const otherHeader = signed && typeof header === 'string' && header !== pathProject;
  if (!otherPath && !otherHeader) return undefined;
  return kpsError(ctx, op, PROJECT_UNAVAILABLE.status, PROJECT_UNAVAILABLE.code, PROJECT_UNAVAILABLE.message);
}
