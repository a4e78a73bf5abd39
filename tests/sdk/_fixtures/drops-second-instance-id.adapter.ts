// A deliberately broken adapter, as a module: `npx conformance sdk --adapter` must fail it by rule id.
import { dropsSecondInstanceId } from '../_helpers/broken-adapters.ts';

export default dropsSecondInstanceId;
