/**
 * Name resolution: the parties and places known by a name or alias, matched after
 * folding case and diacritics ("Shusha" = "Shushi" = "ŞUŞA").
 */
import { loadExisting, loadLocations, loadParties, type DataContext } from './data.js';
import { namePartition } from './keys.js';
import { foldName } from './names.js';
import type { Location, Party } from './records.js';
import { checkString } from './validate.js';

export async function resolveName(data: DataContext, name: string): Promise<{ parties: Party[]; locations: Location[] }> {
  checkString(name, ['name'], { required: true });
  if (!foldName(name)) return { parties: [], locations: [] };
  const { items } = await data.db.query({
    keyCondition: '#pk = :pk',
    names: { '#pk': 'pk' },
    values: { ':pk': namePartition(name) },
  });
  const idsOf = (type: string) => items.filter((item) => String(item.sk).startsWith(`${type}#`)).map((item) => String(item.entityId));
  const [parties, locations] = await Promise.all([
    loadExisting(loadParties, data, idsOf('PARTY')),
    loadExisting(loadLocations, data, idsOf('LOCATION')),
  ]);
  return { parties, locations };
}
