/**
 * Words that make a name a person's title, an organisation's head noun or a place type.
 * Data only; folded to lower case. Used by mentions.ts and parties.ts.
 */

/** Titles that precede a person's name ("President", "Foreign Minister", "Lt. Gen."). */
export const PERSON_TITLES = new Set([
  'president', 'vice president', 'prime minister', 'deputy prime minister', 'minister', 'foreign minister',
  'defense minister', 'defence minister', 'interior minister', 'finance minister', 'justice minister',
  'health minister', 'information minister', 'economy minister', 'energy minister', 'oil minister',
  'trade minister', 'planning minister', 'deputy minister', 'deputy foreign minister', 'secretary',
  'secretary of state', 'secretary of defense', 'secretary-general', 'secretary general', 'under secretary',
  'deputy secretary', 'deputy secretary of state', 'defense secretary', 'defence secretary', 'home secretary',
  'foreign secretary', 'press secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador',
  'envoy', 'special envoy', 'chancellor', 'king', 'queen', 'prince', 'princess', 'crown prince', 'emir',
  'sheikh', 'sultan', 'ayatollah', 'pope', 'cardinal', 'archbishop', 'bishop', 'imam', 'rabbi', 'mayor',
  'governor', 'senator', 'sen.', 'rep.', 'representative', 'congressman', 'congresswoman', 'speaker',
  'chairman', 'chairwoman', 'chair', 'director', 'director general', 'director-general', 'commander',
  'chief', 'chief of staff', 'general', 'gen.', 'lt.', 'lt. gen.', 'lt. col.', 'maj.', 'maj. gen.',
  'brig.', 'brig. gen.', 'col.', 'colonel', 'major', 'captain', 'capt.', 'lieutenant', 'sergeant', 'sgt.',
  'adm.', 'admiral', 'vice admiral', 'rear admiral', 'marshal', 'field marshal', 'commodore', 'cmdr.',
  'spc.', 'pvt.', 'cpl.', 'corporal', 'private', 'petty officer', 'mr.', 'mrs.', 'ms.', 'dr.', 'prof.',
  'professor', 'sir', 'lord', 'lady', 'judge', 'justice', 'attorney general', 'prosecutor', 'leader',
  'opposition leader', 'head', 'premier', 'president-elect', 'acting president', 'deputy', 'mp',
  'lawmaker', 'official', 'adviser', 'advisor', 'aide', 'negotiator', 'mediator', 'coordinator',
  'high commissioner', 'commissioner', 'rapporteur', 'special rapporteur', 'monsignor', 'father',
]);

/** Title words that also read as a rank or office on their own ("the president said"). */
export const PERSON_ROLE_WORDS = new Set([
  'president', 'minister', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador',
  'envoy', 'chancellor', 'king', 'queen', 'prince', 'emir', 'governor', 'mayor', 'commander', 'chief',
  'general', 'premier', 'leader', 'official', 'director', 'chairman', 'prosecutor', 'negotiator',
  'adviser', 'advisor', 'aide', 'senator', 'officer', 'source', 'diplomat', 'witness', 'resident',
]);

/** Head nouns of government bodies. */
export const GOVERNMENT_HEADS = new Set([
  'ministry', 'government', 'cabinet', 'parliament', 'presidency', 'administration', 'department',
  'office', 'agency', 'council', 'security council', 'embassy', 'consulate', 'authorities', 'authority',
  'police', 'state department', 'foreign office', 'foreign ministry', 'defense ministry',
  'defence ministry', 'interior ministry', 'health ministry', 'justice ministry', 'finance ministry',
  'senate', 'congress', 'assembly', 'national assembly', 'regime', 'junta', 'commission', 'court',
  'supreme court', 'prosecutor', "prosecutor's office", 'service', 'security service', 'intelligence',
  'intelligence service', 'committee', 'general staff', 'kremlin', 'officials', 'leadership',
]);

/** Head nouns of armed forces. */
export const ARMED_FORCE_HEADS = new Set([
  'forces', 'armed forces', 'army', 'military', 'troops', 'navy', 'air force', 'air forces', 'marines',
  'soldiers', 'servicemen', 'artillery', 'brigade', 'battalion', 'regiment', 'division', 'corps',
  'guard', 'national guard', 'guards', 'militia', 'militias', 'paramilitaries', 'command',
  'special forces', 'security forces', 'defense forces', 'defence forces', 'border guards', 'units',
  'fighters', 'gendarmerie', 'coast guard', 'task force', 'air defense', 'air defence', 'coalition',
  'forces command', 'central command', 'fleet', 'flotilla', 'squadron',
]);

/** Head nouns of non-state groups and organisations. */
export const GROUP_HEADS = new Set([
  'rebels', 'militants', 'insurgents', 'separatists', 'opposition', 'group', 'movement', 'front',
  'party', 'protesters', 'activists', 'settlers', 'jihadists', 'extremists', 'terrorists',
  'community', 'communities', 'tribe', 'tribes', 'clan', 'faction', 'factions', 'alliance',
]);

export const ORGANIZATION_HEADS = new Set([
  'organization', 'organisation', 'union', 'association', 'federation', 'league', 'institute',
  'foundation', 'fund', 'bank', 'company', 'corporation', 'corp.', 'inc.', 'ltd', 'group',
  'university', 'program', 'programme', 'mission', 'red cross', 'red crescent', 'watch', 'international',
  'network', 'observatory', 'center', 'centre', 'society', 'alliance', 'conference', 'forum', 'body',
]);

export const MEDIA_HEADS = new Set([
  'news agency', 'agency', 'newspaper', 'television', 'tv', 'radio', 'broadcaster', 'daily', 'times',
  'post', 'news', 'media', 'state media', 'state television', 'state tv', 'press', 'channel', 'wire',
  'magazine', 'journal', 'gazette', 'herald', 'tribune', 'telegraph', 'guardian',
  'state news agency', 'official news agency', 'state broadcaster', 'state-run media', 'state-run television',
  'state-run tv', 'state-run news agency',
]);

/** Lower-case party nouns that may follow a demonym ("Azerbaijani forces", "Israeli officials"). */
export const DEMONYM_LOWER_HEADS = new Set([
  'forces', 'troops', 'army', 'military', 'soldiers', 'servicemen', 'navy', 'air force', 'government',
  'officials', 'authorities', 'police', 'defense ministry', 'defence ministry', 'foreign ministry',
  'interior ministry', 'health ministry', 'ministry', 'rebels', 'militants', 'separatists',
  'fighters', 'side', 'leadership', 'state media', 'state television', 'state tv', 'media',
  'news agency', 'embassy', 'diplomats', 'negotiators', 'president', 'prime minister',
  'foreign minister', 'defense minister', 'defence minister', 'leader', 'army chief', 'military command',
  'general staff', 'border guards', 'security forces', 'armed forces', 'artillery', 'parliament',
  'cabinet', 'regime', 'presidency', 'administration', 'opposition', 'settlers', 'protesters',
  'aircraft', 'warplanes', 'drones', 'jets', 'positions', 'units', 'army units', 'official',
  'spokesman', 'spokeswoman', 'spokesperson', 'special forces', 'military officials',
  'government officials', 'security officials', 'security sources', 'military sources',
  'sources', 'intelligence', 'coast guard', 'national guard', 'marines', 'military forces', 'partners',
  'allies', 'people', 'civilians', 'citizens', 'companies', 'counterparts', 'delegation',
  'state news agency', 'official news agency', 'state broadcaster', 'broadcaster', 'state-run media',
  'state-run television', 'state-run tv', 'state-run news agency', 'news agency',
]);

/** Of the above, nouns that name hardware or positions, not an actor. */
export const NON_ACTOR_HEADS = new Set(['aircraft', 'warplanes', 'drones', 'jets', 'positions', 'artillery']);

/** Plural nouns for unnamed sources: a claim by them has a claimant mention but no party. */
export const ANONYMOUS_SOURCES = new Set([
  'officials', 'sources', 'witnesses', 'residents', 'activists', 'analysts', 'observers', 'diplomats',
  'experts', 'medics', 'doctors', 'locals', 'survivors', 'reports', 'media reports', 'local media',
  'people', 'villagers', 'rescuers', 'police', 'authorities', 'security sources', 'military sources',
  'a source', 'one official', 'an official', 'a witness', 'a resident', 'a spokesman', 'a spokeswoman',
  'a spokesperson', 'a diplomat', 'an analyst', 'a doctor', 'a medic',
]);

/** Place-type words after or before a name ("Idlib province", "the city of Goris"). */
export const PLACE_TYPES = new Set([
  'city', 'town', 'village', 'villages', 'towns', 'cities', 'region', 'regions', 'province',
  'provinces', 'district', 'districts', 'governorate', 'oblast', 'county', 'municipality', 'state',
  'port', 'port city', 'capital', 'area', 'areas', 'neighborhood', 'neighbourhood', 'suburb', 'suburbs',
  'settlement', 'camp', 'refugee camp', 'border crossing', 'crossing', 'valley', 'mountains', 'river',
  'island', 'peninsula', 'strait', 'border', 'front', 'fronts', 'axis', 'axes', 'direction', 'directions',
  'sector', 'sectors', 'airport', 'airfield', 'base', 'air base', 'dam', 'bridge', 'enclave', 'strip',
  'territory', 'territories', 'hub', 'outskirts', 'heights', 'corridor', 'highway', 'road', 'raion',
  'krai', 'republic', 'canton', 'prefecture', 'department', 'commune', 'locality', 'quarter', 'hamlet',
]);

/** Place-type words that turn a preceding list of names into places ("the A, B and C axes"). */
export const PLACE_LIST_HEADS = new Set([
  'axes', 'axis', 'directions', 'direction', 'fronts', 'front', 'sectors', 'sector', 'villages',
  'towns', 'cities', 'regions', 'provinces', 'districts', 'areas', 'settlements', 'camps',
  'governorates', 'oblasts', 'neighborhoods', 'neighbourhoods', 'region', 'province', 'district',
  'governorate', 'oblast', 'village', 'town', 'city', 'area', 'camp', 'refugee camp', 'crossing',
]);

/** Direction adjectives that may precede a place ("northern Iraq", "East Mosul"). */
export const DIRECTIONS = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central',
  'northeast', 'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern',
  'southwestern', 'north-east', 'north-west', 'south-east', 'south-west', 'north-eastern',
  'north-western', 'south-eastern', 'south-western', 'upper', 'lower', 'greater', 'occupied',
]);

/** Prepositions after which an unknown capitalised name is most likely a place. */
export const PLACE_PREPOSITIONS = new Set([
  'in', 'near', 'outside', 'into', 'from', 'to', 'towards', 'toward', 'across', 'around', 'inside',
  'at', 'through', 'throughout', 'between', 'on', 'over', 'under', 'along', 'within', 'off', 'via',
  'of', 'against', 'beyond',
]);

/**
 * Lower-case nouns after a possessive country that make it a place ("Russia's Kursk region",
 * "Ukraine's east", "Iraq's second-largest city"); after any other noun the country is an
 * actor ("Iraq's efforts", "Turkey's government").
 */
export const POSSESSIVE_PLACE_NOUNS = new Set([
  ...PLACE_TYPES,
  'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'north-east',
  'north-west', 'south-east', 'south-west', 'soil', 'airspace', 'territory', 'coast', 'coastline',
  'borders', 'waters', 'frontier', 'interior', 'countryside', 'heartland', 'hinterland', 'mainland',
  'side', 'part', 'parts', 'regions', 'cities', 'towns', 'villages', 'ports', 'shores', 'skies',
]);

/** Adjectives that may stand between a possessive country and its place noun ("Iraq's second-largest city"). */
export const POSSESSIVE_PLACE_ADJECTIVES = new Set([
  'largest', 'biggest', 'second-largest', 'second-biggest', 'third-largest', 'main', 'key', 'strategic',
  'northern', 'southern', 'eastern', 'western', 'central', 'northeastern', 'northwestern', 'southeastern',
  'southwestern', 'north-eastern', 'north-western', 'south-eastern', 'south-western', 'far', 'border',
  'frontline', 'front-line', 'occupied', 'coastal', 'southernmost', 'northernmost', 'easternmost',
  'westernmost', 'capital', 'port', 'industrial', 'eastern-most',
]);

/**
 * Verbs whose object, when it is a country, is the state acting or acted upon, not a place
 * ("support Iraq", "attack the United States", "join Jordan"). Motion verbs ("visited Iraq",
 * "entered Syria") are deliberately absent: their object is where.
 */
export const STATE_OBJECT_VERBS = new Set([
  'support', 'supports', 'supported', 'supporting', 'help', 'helps', 'helped', 'helping', 'enable', 'enables',
  'enabled', 'enabling', 'urge', 'urges', 'urged', 'urging', 'thank', 'thanks', 'thanked', 'join', 'joins',
  'joined', 'joining', 'attack', 'attacks', 'attacked', 'attacking', 'accuse', 'accuses', 'accused', 'accusing',
  'blame', 'blames', 'blamed', 'blaming', 'condemn', 'condemns', 'condemned', 'warn', 'warns', 'warned', 'warning',
  'sanction', 'sanctioned', 'pressure', 'pressured', 'pressing', 'press', 'pressed', 'encourage', 'encouraged',
  'assist', 'assists', 'assisted', 'assisting', 'back', 'backs', 'backed', 'backing', 'fund', 'funded', 'arm',
  'armed', 'defend', 'defends', 'defended', 'protect', 'protects', 'protected', 'congratulate', 'congratulated',
  'praise', 'praised', 'criticize', 'criticized', 'criticise', 'criticised', 'threaten', 'threatens',
  'threatened', 'defeat', 'defeated', 'fight', 'fights', 'fought', 'fighting', 'engage', 'engaged', 'recognize',
  'recognized', 'recognise', 'recognised', 'allow', 'allowed', 'ask', 'asked', 'asks', 'invite', 'invited',
  'welcome', 'welcomed', 'welcomes', 'persuade', 'persuaded', 'convince', 'convinced', 'reassure', 'reassured',
  'confront', 'confronted', 'deter', 'deterred', 'punish', 'punished', 'oppose', 'opposed', 'opposes', 'partner',
  'partnered', 'reward', 'rewarded', 'betray', 'betrayed', 'isolate', 'isolated', 'provoke', 'provoked',
  'strengthen', 'empower', 'equip', 'equipped', 'train', 'trained', 'trains', 'finance', 'financed',
]);

/** Nouns right before a country that make it an actor ("our ally Turkey", "neighbour Iran"). */
export const STATE_APPOSITION_NOUNS = new Set([
  'ally', 'allies', 'partner', 'partners', 'neighbour', 'neighbor', 'neighbours', 'neighbors', 'rival', 'rivals',
  'enemy', 'enemies', 'foe', 'adversary', 'adversaries', 'member', 'members', 'backer', 'backers', 'patron',
  'sponsor', 'archrival', 'arch-rival', 'arch-foe',
]);

/** Prepositions after which a country acts with or against others ("relations with the United States"). */
export const STATE_COMPANION_PREPOSITIONS = new Set(['with', 'between', 'against', 'among', 'versus', 'vs.', 'alongside']);

/**
 * Head nouns of sites: the buildings, positions and works that strikes hit and forces take
 * ("destroyed an ISIL-held building", "damaged 29 supply routes", "struck a hospital").
 */
export const SITE_NOUNS = new Set([
  'building', 'buildings', 'structure', 'structures', 'position', 'positions', 'route', 'routes', 'facility',
  'facilities', 'factory', 'factories', 'tunnel', 'tunnels', 'entrance', 'entrances', 'bridge', 'bridges',
  'site', 'sites', 'station', 'stations', 'node', 'nodes', 'headquarters', 'compound', 'compounds', 'base',
  'bases', 'airfield', 'airfields', 'airport', 'airports', 'highway', 'highways', 'road', 'roads', 'checkpoint',
  'checkpoints', 'depot', 'depots', 'warehouse', 'warehouses', 'refinery', 'refineries', 'cache', 'caches',
  'hospital', 'hospitals', 'clinic', 'clinics', 'school', 'schools', 'market', 'marketplace', 'marketplaces',
  'mosque', 'mosques', 'church', 'churches', 'neighborhood', 'neighborhoods', 'neighbourhood', 'neighbourhoods',
  'village', 'villages', 'area', 'areas', 'territory', 'terrain', 'infrastructure',
  'camp', 'camps', 'tent', 'tents', 'shelter', 'shelters', 'dam', 'bunker', 'bunkers', 'trench', 'trenches',
  'fortification', 'fortifications', 'outpost', 'outposts', 'barracks', 'garrison',
  'airstrip', 'runway', 'pipeline', 'pipelines', 'substation', 'substations', 'plant', 'plants', 'port',
  'ports', 'harbor', 'harbour', 'apartment', 'apartments', 'complex', 'stronghold', 'strongholds',
  'hideout', 'hideouts', 'emplacement', 'emplacements', 'crossing', 'crossings', 'homes', 'houses',
  'dwellings', 'stills', 'oilfield', 'oilfields',
]);

/** Verbs whose object is a site that is attacked, taken or left ("destroyed", "seized", "departed"). */
export const SITE_VERBS = new Set([
  'destroyed', 'destroying', 'destroy', 'destroys', 'damaged', 'damaging', 'damage', 'struck', 'strike', 'striking',
  'hit', 'hitting', 'hits', 'targeted', 'targeting', 'targets', 'target', 'shelled', 'shelling', 'bombed', 'bombing',
  'attacked', 'attacking', 'seized', 'seizing', 'seize', 'captured', 'capturing', 'capture', 'cleared', 'clearing',
  'liberated', 'liberating', 'liberate', 'stormed', 'storming', 'raided', 'raiding', 'demolished', 'burned',
  'torched', 'razed', 'leveled', 'levelled', 'occupied', 'retook', 'recaptured', 'surrounded', 'besieged',
  'secured', 'securing', 'disabled', 'disabling', 'evacuated', 'pounded', 'overran', 'departed', 'abandoned',
  'looted', 'bombarded', 'shot', 'rocketed', 'defended', 'defending', 'maintained', 'strengthen', 'strengthened',
]);

/** Prepositions after which a site noun phrase is where something happens ("at a hospital", "against ISIL targets"). */
export const SITE_PREPOSITIONS = new Set(['in', 'at', 'inside', 'near', 'into', 'on', 'outside', 'against', 'around', 'within', 'across', 'to', 'from', 'toward', 'towards']);

/**
 * "the city", "the country": a place named before. Each noun with the precisions of the
 * locations it may refer back to.
 */
export const PLACE_REFERENCE_NOUNS: Record<string, readonly ('POINT' | 'CITY' | 'REGION' | 'COUNTRY' | 'UNRESOLVED')[]> = {
  city: ['CITY', 'UNRESOLVED'],
  town: ['CITY', 'POINT', 'UNRESOLVED'],
  village: ['CITY', 'POINT', 'UNRESOLVED'],
  capital: ['CITY'],
  country: ['COUNTRY'],
  nation: ['COUNTRY'],
  region: ['REGION', 'UNRESOLVED'],
  province: ['REGION', 'UNRESOLVED'],
  governorate: ['REGION', 'UNRESOLVED'],
  oblast: ['REGION', 'UNRESOLVED'],
  enclave: ['REGION', 'CITY', 'UNRESOLVED'],
  camp: ['POINT', 'CITY', 'UNRESOLVED'],
};
