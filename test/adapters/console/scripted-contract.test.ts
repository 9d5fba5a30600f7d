import { runAdapterContract } from '../../contract/adapter-contract.ts';
import { startConsoleHarness } from './console-harness.ts';
import { createFakeService } from './fake-service.ts';

runAdapterContract({
  name: 'console on a scripted engine',
  setup: () => startConsoleHarness(createFakeService()),
});
