/**
 * Who may do what: mutations need a `write` key; reads are open unless REQUIRE_KEY_FOR_READ,
 * and then need a `read` key (introspection stays open, so GraphiQL can load). The check
 * covers the whole operation, so `node`, `nodes` and every connection are covered alike.
 */
import { getOperationAST, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import {
  allows,
  authenticate,
  ForbiddenError,
  UnauthenticatedError,
  type KeySecrets,
  type KeySecretsSource,
  type Scope,
} from '../lib/api-key.js';
import type { Db } from '../lib/store/client.js';

const introspectionOnly = (operation: OperationDefinitionNode): boolean =>
  operation.selectionSet.selections.every(
    (selection) => selection.kind === 'Field' && selection.name.value.startsWith('__'),
  );

export function useApiKeys(options: {
  db: Db;
  secrets: KeySecrets | KeySecretsSource;
  requireKeyForRead?: boolean;
}): Plugin<{ request: Request }> {
  return {
    async onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const needed: Scope | null =
        operation.operation === 'mutation'
          ? 'write'
          : options.requireKeyForRead && !introspectionOnly(operation)
            ? 'read'
            : null;
      const scope = await authenticate(
        options.db,
        args.contextValue.request.headers.get('authorization'),
        options.secrets,
      );
      if (!needed) return;
      if (!scope) {
        throw new UnauthenticatedError(
          `${needed === 'write' ? 'changes' : 'reads'} need an API key: send "Authorization: Bearer <key>" (npm run keys -- create --name NAME --scope ${needed})`,
        );
      }
      if (!allows(scope, needed))
        throw new ForbiddenError(`this API key has the scope "${scope}"; this operation needs "${needed}"`);
    },
  };
}
