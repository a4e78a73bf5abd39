import type { MockFixtures, VolcengineInstanceFixture, VolcengineKeyPairFixture } from '../fixtures/mock-fixtures.ts';

export interface VolcengineInstance {
  readonly id: string;
  readonly kind: VolcengineInstanceFixture['kind'];
  keyPairId: string | undefined;
}

/** Volcengine ECS state: key pairs and instances; an attach replaces whatever key pair an instance had. */
export class VolcengineState {
  readonly keyPairsByName = new Map<string, VolcengineKeyPairFixture>();
  readonly keyPairsById = new Map<string, VolcengineKeyPairFixture>();
  readonly instances = new Map<string, VolcengineInstance>();

  constructor(fixtures: MockFixtures) {
    for (const kp of fixtures.volcengineKeyPairs) {
      this.keyPairsByName.set(kp.name, kp);
      this.keyPairsById.set(kp.id, kp);
    }
    for (const i of fixtures.volcengineInstances) this.instances.set(i.id, { id: i.id, kind: i.kind, keyPairId: i.keyPairId });
  }
}
