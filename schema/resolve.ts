import { locationsNamed, partiesNamed, checkName } from '../lib/resolve.js';
import { builder, pageArgs, toConnection } from './builder.js';
import { LocationConnection } from './location.js';
import { PartyConnection } from './party.js';

const empty = { items: [], hasNextPage: false };

const ResolutionRef = builder.objectRef<{ name: string | null }>('Resolution').implement({
  description: 'What a name refers to.',
  fields: (t) => ({
    parties: t.field({
      type: PartyConnection,
      args: pageArgs(t.arg),
      description: 'Parties with this name or alias.',
      resolve: async (r, args, { data }) =>
        toConnection(r.name === null ? empty : await partiesNamed(data, r.name, args)),
    }),
    locations: t.field({
      type: LocationConnection,
      args: pageArgs(t.arg),
      description:
        'Places with this name or alias (one per place: namesakes in different countries are different places).',
      resolve: async (r, args, { data }) =>
        toConnection(r.name === null ? empty : await locationsNamed(data, r.name, args)),
    }),
  }),
});

builder.queryField('resolve', (t) =>
  t.field({
    type: ResolutionRef,
    description:
      'The parties and places whose name or alias matches `name`, ignoring case and diacritics ("shusha" finds Shushi).',
    args: { name: t.arg.string({ required: true, description: 'A name as it appears in text.' }) },
    resolve: (_, { name }) => ({ name: checkName(name) }),
  }),
);
