/**
 * The CDK app (cdk.json runs it with tsx): one stack, "Claimgraph", checked by cdk-nag.
 * `cdk synth` works offline with no credentials: the stack is environment-agnostic, so
 * nothing needs an account or a region until `cdk deploy`.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lib/config.js';
import { addNagChecks } from './checks.js';
import { readStackSettings } from './config.js';
import { ClaimgraphStack } from './stack.js';

export const STACK_ID = 'Claimgraph';

try {
  const app = new App();
  const settings = readStackSettings((key) => app.node.tryGetContext(key));
  new ClaimgraphStack(app, STACK_ID, { settings });
  addNagChecks(app);
  app.synth();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
