// Writes targets/reference-mock.json from the mock's default fixtures (endpoint http://127.0.0.1:8080).
// tests/mock/target-file.spec.ts fails when the committed file differs from this.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultFixtures, mockTargetFile } from '../src/mock/index.ts';

const path = fileURLToPath(new URL('../targets/reference-mock.json', import.meta.url));
writeFileSync(path, JSON.stringify(mockTargetFile(defaultFixtures(), 'http://127.0.0.1:8080'), null, 2) + '\n');
console.log('wrote targets/reference-mock.json');
