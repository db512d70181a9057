import type { TestProject } from 'vitest/node';
import { startLocalDynamo } from '../lib/local-dynamo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const local = await startLocalDynamo();
  project.provide('dynamodbEndpoint', local.endpoint);
  return () => local.stop();
}
