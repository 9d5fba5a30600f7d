import { runAdapterContract } from '../../contract/adapter-contract.ts';
import { createTestService } from '../../contract/real-engine.ts';
import { startConsoleHarness } from './console-harness.ts';

runAdapterContract({
  name: 'console',
  setup: () => startConsoleHarness(createTestService()),
});
