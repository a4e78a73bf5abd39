// A deliberately careless adapter: it logs its credentials (console and process.stdout) on every call, as a
// debug-happy SDK might. `conformance sdk` must fail client.no-secrets-in-output and write the secret nowhere.
import volcengine from '../../../src/sdk/adapters/volcengine-openapi.ts';
import type { SdkAdapter } from '../../../src/sdk/sdk-adapter.ts';

const adapter: SdkAdapter = {
  name: 'broken: prints its secret key',
  attachKeyPair: (request, env) => {
    console.log(`calling AttachKeyPair with ${env.accessKey} / ${env.secretKey}`);
    process.stdout.write(`secret=${env.secretKey}\n`);
    return volcengine.attachKeyPair!(request, env);
  },
};
export default adapter;
