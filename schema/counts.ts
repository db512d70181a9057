import { bucketsOf, MAX_COUNT_DAYS, MAX_COUNT_MONTHS, MAX_COUNT_TOP, planCounts, type Bucket } from '../lib/counts.js';
import { ValidationError } from '../lib/errors.js';
import { counterKeys, readCounters } from '../lib/store/counters.js';
import { loadLocations, loadParties } from '../lib/store/loaders.js';
import type { Item } from '../lib/store/client.js';
import { builder, encodeId, isoDate } from './builder.js';
import { ClaimKindEnum } from './claim.js';
import { PartyRef } from './party.js';

const CountDimensionEnum = builder.enumType('CountDimension', {
  description: 'What claim counts are grouped by.',
  values: {
    DAY: { description: 'ISO day (`2024-03-05`), one bucket per day of the range, empty days included.' },
    WEEK: { description: 'ISO 8601 week (`2024-W05`); the weeks at either end count only the days in the range.' },
    MONTH: { description: 'Month (`2024-03`), one bucket per month of the range.' },
    KIND: { description: 'Claim kind (the `ClaimKind` name).' },
    PARTY: { description: 'Claimant: the party’s global ID (claims with no claimant are not in any bucket).' },
    LOCATION: { description: 'Place: the location’s global ID. A claim about two places counts for each.' },
    COUNTRY: {
      description:
        'ISO 3166-1 alpha-2 country code of the places: the sum of its places’ LOCATION buckets (places with no country are left out).',
    },
  } as const,
});

const ClaimCountsFilter = builder.inputType('ClaimCountsFilter', {
  description: `Which claims are counted. Time histograms (DAY, WEEK, MONTH) need since and until (at most ${MAX_COUNT_MONTHS} months; DAY at most ${MAX_COUNT_DAYS} days). PARTY, LOCATION and COUNTRY counts, and any count of one party, are kept per month: with a range, since must be the first day of a month and until the last day of one. Anything else is refused with VALIDATION_FAILED naming the argument.`,
  fields: (t) => ({
    kind: t.field({ type: ClaimKindEnum, required: false, description: 'Only claims of this kind.' }),
    since: t.field({ type: 'Date', required: false, description: 'Only claims about this day or later.' }),
    until: t.field({ type: 'Date', required: false, description: 'Only claims about this day or earlier.' }),
    party: t.globalID({
      required: false,
      for: PartyRef,
      description: 'Only claims made by this party (with by: MONTH, KIND or PARTY; not DAY, WEEK, LOCATION, COUNTRY).',
    }),
  }),
});

interface BucketShape extends Bucket {
  by: (typeof CountDimensionEnum)['$inferType'];
}

const ClaimCountBucket = builder.objectRef<BucketShape>('ClaimCountBucket').implement({
  description: 'One bar of a histogram or one row of a tally.',
  fields: (t) => ({
    key: t.field({
      type: 'String',
      resolve: (bucket) =>
        bucket.by === 'PARTY'
          ? encodeId('Party', bucket.key)
          : bucket.by === 'LOCATION'
            ? encodeId('Location', bucket.key)
            : bucket.key,
      description:
        'The ISO day, ISO week (`2024-W05`), month (`2024-03`), kind name, global ID of the party or place, or country code.',
    }),
    label: t.field({
      type: 'String',
      nullable: true,
      description:
        'A name for people: the party’s or place’s name, the country’s English name; null for times and kinds.',
      resolve: async (bucket, _, { data }) => {
        if (bucket.by === 'PARTY') return (await loadParties(data, [bucket.key]))[0]?.name ?? null;
        if (bucket.by === 'LOCATION') return (await loadLocations(data, [bucket.key]))[0]?.name ?? null;
        if (bucket.by === 'COUNTRY') return countryName(bucket.key);
        return null;
      },
    }),
    count: t.exposeInt('count', {
      description: 'How many visible claims (claim-place pairs for LOCATION and COUNTRY).',
    }),
    killed: t.exposeInt('killed', {
      description:
        'The sum of the KILLED figures those claims state, as claimed (a running toll restated twice counts twice).',
    }),
    wounded: t.exposeInt('wounded', { description: 'The sum of the WOUNDED figures those claims state, as claimed.' }),
  }),
});

const ClaimCounts = builder.objectRef<{ buckets: BucketShape[]; total: number }>('ClaimCounts').implement({
  description: 'Claim counts, read from counter items that every write keeps exact (never by reading claims).',
  fields: (t) => ({
    buckets: t.field({
      type: [ClaimCountBucket],
      resolve: (counts) => counts.buckets,
      description: 'Time buckets in order, empty ones included; tallies largest first (the `top` largest).',
    }),
    total: t.exposeInt('total', { description: 'The sum of every bucket’s count, those beyond `top` included.' }),
  }),
});

// Made on first use: loading ICU's region names takes about 12 ms, a tenth of a cold start.
let regions: Intl.DisplayNames | undefined;
function countryName(code: string): string | null {
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regions.of(code) ?? null;
  } catch {
    return null;
  }
}

builder.queryField('claimCounts', (t) =>
  t.field({
    type: ClaimCounts,
    description: `Counts of visible claims grouped by day, week, month, kind, claimant, place or country, with the sums of their KILLED and WOUNDED figures (so two claimants' figures can be shown side by side). Read from counter items by key: a histogram of up to ${MAX_COUNT_MONTHS} months, or any tally, is one DynamoDB request.`,
    args: {
      by: t.arg({ type: CountDimensionEnum, required: true, description: 'What to group by.' }),
      filter: t.arg({ type: ClaimCountsFilter, required: false, description: 'Which claims to count.' }),
      top: t.arg.int({
        required: true,
        defaultValue: 20,
        description: `For KIND, PARTY, LOCATION and COUNTRY: how many buckets, 1 to ${MAX_COUNT_TOP} (default 20).`,
      }),
    },
    resolve: async (_, args, { data }) => {
      if (!Number.isInteger(args.top) || args.top < 1 || args.top > MAX_COUNT_TOP)
        throw new ValidationError(`top must be between 1 and ${MAX_COUNT_TOP}`, ['top']);
      const plan = planCounts(args.by, {
        kind: args.filter?.kind,
        since: isoDate(args.filter?.since),
        until: isoDate(args.filter?.until),
        partyId: args.filter?.party?.id,
      });
      const loaded = await data.items.loadMany(counterKeys(plan));
      const items = loaded.map((item) => {
        if (item instanceof Error) throw item;
        return item as Item | undefined;
      });
      const counters = readCounters(items);
      const { buckets, total } = bucketsOf(plan, counters.cells, counters.countryOf, args.top);
      return { buckets: buckets.map((bucket) => ({ ...bucket, by: args.by })), total };
    },
  }),
);
