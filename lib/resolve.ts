/**
 * Name resolution: the parties and places known by a name or alias, matched after
 * folding case and diacritics ("Shusha" = "Shushi" = "ŞUŞA"). Each is a page of the name's
 * partition of the name index, so a common name costs what one page costs.
 */
import { followLinks, loadLocations, loadParties, type DataContext } from './store/loaders.js';
import { patterns } from './store/patterns.js';
import { foldName } from './names.js';
import { pageOfPartition, type Page, type PageArgs } from './store/pagination.js';
import type { Location, Party } from './records.js';
import { checkString } from './validate.js';

/** A name, checked; an empty fold (only punctuation) matches nothing. */
export function checkName(name: string): string | null {
  checkString(name, ['name'], { required: true });
  return foldName(name) ? name : null;
}

export async function partiesNamed(data: DataContext, name: string, args: PageArgs): Promise<Page<Party>> {
  const page = await pageOfPartition(data.db, patterns.names.query(name, 'PARTY'), args);
  return followLinks(
    page,
    (ids) => loadParties(data, ids),
    (item) => String(item.entityId),
  );
}

export async function locationsNamed(data: DataContext, name: string, args: PageArgs): Promise<Page<Location>> {
  const page = await pageOfPartition(data.db, patterns.names.query(name, 'LOCATION'), args);
  return followLinks(
    page,
    (ids) => loadLocations(data, ids),
    (item) => String(item.entityId),
  );
}
