import type { Location, Party } from '../lib/records.js';
import { resolveName } from '../lib/resolve.js';
import { builder } from './builder.js';
import { LocationRef } from './location.js';
import { PartyRef } from './party.js';

const ResolutionRef = builder.objectRef<{ parties: Party[]; locations: Location[] }>('Resolution').implement({
  description: 'What a name refers to.',
  fields: (t) => ({
    parties: t.field({ type: [PartyRef], resolve: (r) => r.parties, description: 'Parties with this name or alias.' }),
    locations: t.field({ type: [LocationRef], resolve: (r) => r.locations, description: 'Places with this name or alias.' }),
  }),
});

builder.queryField('resolve', (t) =>
  t.field({
    type: ResolutionRef,
    description: 'The parties and places whose name or alias matches `name`, ignoring case and diacritics ("shusha" finds Shushi).',
    args: { name: t.arg.string({ required: true, description: 'A name as it appears in text.' }) },
    resolve: (_, { name }, { data }) => resolveName(data, name),
  }),
);
