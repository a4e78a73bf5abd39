// Writes each profile's target file (targets/reference-mock.json, targets/live-sized.json) from its
// fixtures, for endpoint http://127.0.0.1:8080. tests/mock/target-file.spec.ts fails when a committed
// file differs from this.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MOCK_PROFILES, mockTargetFile } from '../src/mock/index.ts';

for (const profile of Object.values(MOCK_PROFILES)) {
  const path = fileURLToPath(new URL(`../${profile.targetFile}`, import.meta.url));
  writeFileSync(path, JSON.stringify(mockTargetFile(profile.fixtures(), 'http://127.0.0.1:8080', profile.target), null, 2) + '\n');
  console.log(`wrote ${profile.targetFile}`);
}
