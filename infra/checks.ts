/**
 * The cdk-nag packs the app is checked against at every synth (and in test/infra.test.ts).
 * cdk-nag 3 runs as a CDK policy-validation plugin: any finding that is not acknowledged
 * (`Validations.of(construct).acknowledge({ id, reason })`), error or warning, fails synth.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';

export function nagPacks(app: App): NagPack[] {
  return [
    // Also copies each acknowledgement and its reason into the template (Metadata.cdk_nag), as an audit trail.
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    new ServerlessChecks(app, { verbose: true }),
  ];
}

/** Registers the packs on `app`; returns them (tests call `validateScope` on them). */
export function addNagChecks(app: App): NagPack[] {
  const packs = nagPacks(app);
  Validations.of(app).addPlugins(...packs);
  return packs;
}
