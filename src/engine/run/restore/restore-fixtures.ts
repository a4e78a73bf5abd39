import type { EngineContext } from '../engine-context.ts';

/** What the restore did for one resource the run changed. */
export interface RestoreOutcome {
  readonly resource: string;
  readonly restored: boolean;
  readonly detail: string;
}

/** Puts one changed resource back (each family's restore makes them: run/<family>/restore-*.ts). */
export type RestoreJob = () => Promise<RestoreOutcome>;

const CONCURRENCY = 8;

/**
 * Puts back what the run changed: a server that was unbound is unbound again (DisassociateKeypair), a
 * server or instance whose original key pair the target file names gets it again; anything else is
 * reported as not restored, with what the target file lacks. Restore requests do not count against
 * the budget (they are the safety net), and they are never judged.
 */
export async function restoreFixtures(ctx: EngineContext, jobs: readonly RestoreJob[]): Promise<RestoreOutcome[]> {
  ctx.transport.lift();
  const outcomes: RestoreOutcome[] = [];
  for (let i = 0; i < jobs.length; i += CONCURRENCY) outcomes.push(...(await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()))));
  return outcomes;
}

/** When the target stopped answering, nothing can be put back: every change is reported as not restored. */
export function notRestored(resources: readonly string[]): RestoreOutcome[] {
  const detail = 'the target stopped answering, so it could not be restored';
  return resources.map((resource) => ({ resource, restored: false, detail }));
}
