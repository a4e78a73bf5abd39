import { getOperation, type Operation } from '../../spec/operations.ts';
import type { CaseOperation } from './case.ts';

const IDS: Record<CaseOperation, string> = {
  'kps.associate': 'AssociateKeypair',
  'kps.batch-associate': 'BatchAssociateKeypair',
  'kps.disassociate': 'DisassociateKeypair',
  'kps.task': 'ListKeypairTask',
  'ecs.attach-key-pair': 'AttachKeyPair',
};

/** The spec operation a case is sent to. */
export function specOperation(op: CaseOperation): Operation {
  return getOperation(IDS[op]);
}
