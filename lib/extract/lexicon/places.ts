/** Word lists for place detection (mentions/places.ts). */

/**
 * Last words of a name that starts with a place but names no place of the story: time zones
 * ("Greenwich Mean Time"), and agreements named after where they were signed ("Geneva
 * Communique", "Minsk Agreements"): what they name happened elsewhere.
 */
export const NOT_PLACE_NAME_ENDINGS = new Set([
  'time',
  'syndrome',
  'convention',
  'conventions',
  'protocol',
  'accord',
  'accords',
  'agreement',
  'agreements',
  'communique',
  'treaty',
  'declaration',
]);

/** The type words of first- and second-level divisions, as news writes them after a name ("Logar province", "Rafi LGA"). */
export const DIVISION_TYPE_WORDS = [
  'province',
  'district',
  'state',
  'county',
  'governorate',
  'oblast',
  'region',
  'territory',
  'lga',
  'local government area',
  'prefecture',
  'department',
  'municipality',
  'raion',
  'rayon',
  'parish',
  'borough',
  // Second- and third-level divisions as conflict reports name them (Mali, Ethiopia, South Asia, Ukraine, East Africa).
  'cercle',
  'woreda',
  'tehsil',
  'upazila',
  'hromada',
  'sub-county',
  'subcounty',
  'sub-district',
  'subdistrict',
  'krai',
  'canton',
  // Sudan's and South Sudan's second level.
  'locality',
  // Myanmar's third level; a civil township in the US.
  'township',
];
/** Of those, the type words only a division is written with ("Dnipropetrovsk oblast"; not "region", "district", "state"). */
export const FORMAL_DIVISION_TYPE_WORDS = [
  'oblast',
  'governorate',
  'province',
  'prefecture',
  'raion',
  'rayon',
  'lga',
  'woreda',
  'cercle',
  'tehsil',
  'upazila',
  'hromada',
  'krai',
  'county',
  'parish',
];
/** Words for a settlement written after its name ("Kagara village", "the Zamzam camp"). */
export const SETTLEMENT_WORDS = ['village', 'town', 'city', 'area', 'locality', 'commune', 'settlement', 'camp'];

/**
 * Offices of a province, written after its name ("Ohio Gov. John Smith", "the Ohio
 * Legislature"): the name is the province's, not a city's of that name.
 */
export const PROVINCE_OFFICES = [
  'Gov.',
  'Governor',
  'governor',
  'Lt. Gov.',
  'Lieutenant Governor',
  'lieutenant governor',
  'Legislature',
  'legislature',
  'General Assembly',
  'State Senate',
  'state Senate',
  'state senate',
  'State Assembly',
  'state Assembly',
  'state assembly',
  'Premier',
  'premier',
];

/**
 * Words after a comma that tie a place to a town written next ("Smithfield, just outside Cairns",
 * "Gordonvale, near Cairns", "Logan, a suburb of Brisbane"): the place lies beside that town.
 */
export const BESIDE_WORDS = [
  'outside',
  'outside of',
  'just outside',
  'just outside of',
  'near',
  'close to',
  'on the outskirts of',
  'in the outskirts of',
  'a suburb of',
  'an outer suburb of',
  'an inner suburb of',
  'a western suburb of',
  'an eastern suburb of',
  'a northern suburb of',
  'a southern suburb of',
];
/** The head of "the Cairns suburbs of Smithfield and Redlynch": each is beside the town. */
export const SUBURB_HEADS = [
  'suburb',
  'suburbs',
  'outskirts',
  'neighbourhood',
  'neighborhood',
  'neighbourhoods',
  'neighborhoods',
];

/**
 * What may stand between a place and its parents: "Boni (Douentza", "Kharwar district, Logar",
 * "Rafi LGA, Niger", "Mukondi village (Beni".
 */
export const TYPE_BEFORE_PARENTS = `(?:\\s+(?:${[...SETTLEMENT_WORDS, ...DIVISION_TYPE_WORDS].join('|')}))?`;

/** A division's type word at the end of a name: the gazetteer knows "Rafi LGA" as "Rafi". */
export const TRAILING_DIVISION_TYPE = new RegExp(`\\s+(?:${DIVISION_TYPE_WORDS.join('|')})$`, 'i');

/**
 * US states as news writes them after a town and a comma ("Columbus, Miss.", "Fulton County,
 * Ga.", "Austin, TX"): AP style abbreviations and postal codes, without their periods, written
 * exactly so. Only read in that position, where "Miss." or "Ind." cannot be a word.
 */
export const US_STATE_ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  (
    [
      ['Alabama', 'Ala', 'AL'],
      ['Alaska', '', 'AK'],
      ['Arizona', 'Ariz', 'AZ'],
      ['Arkansas', 'Ark', 'AR'],
      ['California', 'Calif', 'CA'],
      ['Colorado', 'Colo', 'CO'],
      ['Connecticut', 'Conn', 'CT'],
      ['Delaware', 'Del', 'DE'],
      ['Florida', 'Fla', 'FL'],
      ['Georgia', 'Ga', 'GA'],
      ['Hawaii', '', 'HI'],
      ['Idaho', '', 'ID'],
      ['Illinois', 'Ill', 'IL'],
      ['Indiana', 'Ind', 'IN'],
      ['Iowa', '', 'IA'],
      ['Kansas', 'Kan', 'KS'],
      ['Kentucky', 'Ky', 'KY'],
      ['Louisiana', 'La', 'LA'],
      ['Maine', '', 'ME'],
      ['Maryland', 'Md', 'MD'],
      ['Massachusetts', 'Mass', 'MA'],
      ['Michigan', 'Mich', 'MI'],
      ['Minnesota', 'Minn', 'MN'],
      ['Mississippi', 'Miss', 'MS'],
      ['Missouri', 'Mo', 'MO'],
      ['Montana', 'Mont', 'MT'],
      ['Nebraska', 'Neb', 'NE'],
      ['Nevada', 'Nev', 'NV'],
      ['New Hampshire', 'N.H', 'NH'],
      ['New Jersey', 'N.J', 'NJ'],
      ['New Mexico', 'N.M', 'NM'],
      ['New York', 'N.Y', 'NY'],
      ['District of Columbia', 'D.C', 'DC'],
      ['North Carolina', 'N.C', 'NC'],
      ['North Dakota', 'N.D', 'ND'],
      ['Ohio', '', 'OH'],
      ['Oklahoma', 'Okla', 'OK'],
      ['Oregon', 'Ore', 'OR'],
      ['Pennsylvania', 'Pa', 'PA'],
      ['Rhode Island', 'R.I', 'RI'],
      ['South Carolina', 'S.C', 'SC'],
      ['South Dakota', 'S.D', 'SD'],
      ['Tennessee', 'Tenn', 'TN'],
      ['Texas', 'Tex', 'TX'],
      ['Utah', '', 'UT'],
      ['Vermont', 'Vt', 'VT'],
      ['Virginia', 'Va', 'VA'],
      ['Washington', 'Wash', 'WA'],
      ['West Virginia', 'W.Va', 'WV'],
      ['Wisconsin', 'Wis', 'WI'],
      ['Wyoming', 'Wyo', 'WY'],
    ] as const
  ).flatMap(([state, ap, postal]) => [...(ap ? [[ap, state]] : []), [postal, state]]),
);

/**
 * Canadian provinces and territories as Canadian Press style writes them after a town and a
 * comma ("Churchill, Man.", "Gatineau, Que.", "Melville, Sask.") and by their postal codes
 * ("Regina, SK"), without their periods. Only read in that position, like the US states'.
 */
export const CA_PROVINCE_ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  (
    [
      ['Alberta', ['Alta'], 'AB'],
      ['British Columbia', ['B.C'], 'BC'],
      ['Manitoba', ['Man'], 'MB'],
      ['New Brunswick', ['N.B'], 'NB'],
      ['Newfoundland and Labrador', ['N.L', 'Nfld'], 'NL'],
      ['Nova Scotia', ['N.S'], 'NS'],
      ['Northwest Territories', ['N.W.T'], 'NT'],
      ['Nunavut', ['Nvt'], 'NU'],
      ['Ontario', ['Ont'], 'ON'],
      ['Prince Edward Island', ['P.E.I'], 'PE'],
      ['Quebec', ['Que'], 'QC'],
      ['Saskatchewan', ['Sask'], 'SK'],
      ['Yukon', ['Y.T'], 'YT'],
    ] as const
  ).flatMap(([province, short, postal]) => [...short.map((a) => [a, province]), [postal, province]]),
);

/**
 * A first-level division written short after a town and a comma: a US state's or a Canadian
 * province's abbreviation (periods dropped), with the division's name and country.
 */
export function provinceOfAbbreviation(written: string): { name: string; countryCode: string } | null {
  const us = US_STATE_ABBREVIATIONS[written];
  if (us) return { name: us, countryCode: 'US' };
  const ca = CA_PROVINCE_ABBREVIATIONS[written];
  return ca ? { name: ca, countryCode: 'CA' } : null;
}

/**
 * Plural division nouns after a list of names: "Barrow, Jackson and Madison counties",
 * "Alachua and Gilchrist counties". Each name in the list is a division's.
 */
export const PLURAL_DIVISION_HEADS = new Set([
  'counties',
  'parishes',
  'townships',
  'boroughs',
  'provinces',
  'districts',
  'governorates',
  'oblasts',
  'municipalities',
  'prefectures',
  'cantons',
]);

/**
 * Plural division words after a list of names, each with the type word a single one of them
 * takes ("Idlib and Hama provinces" names Hama Province, "Borno and Yobe states" Yobe State,
 * "Rafi and Mariga LGAs" Mariga LGA): every singular is one of DIVISION_TYPE_WORDS. Wider than
 * PLURAL_DIVISION_HEADS, which makes unknown names places; these only type names the gazetteer
 * knows so.
 */
export const DIVISION_PLURALS: Record<string, string> = {
  counties: 'County',
  parishes: 'Parish',
  townships: 'Township',
  boroughs: 'Borough',
  provinces: 'Province',
  districts: 'District',
  governorates: 'Governorate',
  oblasts: 'Oblast',
  regions: 'Region',
  states: 'State',
  territories: 'Territory',
  departments: 'Department',
  prefectures: 'Prefecture',
  municipalities: 'Municipality',
  cantons: 'Canton',
  raions: 'Raion',
  rayons: 'Rayon',
  krais: 'Krai',
  lgas: 'LGA',
  'local government areas': 'Local Government Area',
  woredas: 'Woreda',
  tehsils: 'Tehsil',
  upazilas: 'Upazila',
  hromadas: 'Hromada',
  cercles: 'Cercle',
  'sub-counties': 'Sub-County',
  subcounties: 'Subcounty',
  'sub-districts': 'Sub-District',
  subdistricts: 'Subdistrict',
};

/**
 * Division types that lie inside a first-level division in most countries: "Texas and Oklahoma
 * counties" are counties of those states, not Texas County and Oklahoma County.
 */
export const BELOW_FIRST_LEVEL_TYPES = new Set(['County', 'Parish', 'Township', 'Borough', 'District', 'Municipality']);

/** Capitalised type words that end a division's name ("Laurel County"): the name is a place, even on a first name. */
export const NAMED_DIVISION_ENDINGS = new Set(['county', 'parish', 'township', 'borough']);

/**
 * Site words read by mentions/sites.ts beside the SITE_* lists of roles.ts: what a strike report
 * writes as where a strike hit ("strikes engaged four ISIL-held buildings", "along a highway",
 * "in the vicinity of the airfield").
 */
export const ENGAGING_VERBS = new Set(['engaged', 'engaging', 'engage', 'engages']);
export const ROUTE_PREPOSITIONS = new Set(['along', 'alongside', 'via']);
/** "the vicinity of X", "the outskirts of X": the site is X. */
export const VICINITY_NOUNS = new Set(['vicinity', 'outskirts', 'edge', 'edges', 'perimeter', 'environs']);
/** Head nouns that name a place as such: "a strike on the location", "at the deployed location". */
export const LOCATION_NOUNS = new Set(['location', 'locations']);
/** Words that point to a place ("here", "there"), read as one only after a verb of going. */
export const DEICTIC_PLACES = new Set(['here', 'there']);
/** Verbs of going or arriving, after which "here" or "there" is a place ("arrived here", "get there"). */
export const MOTION_VERBS = new Set([
  'arrive',
  'arrived',
  'arrives',
  'arriving',
  'get',
  'got',
  'gets',
  'go',
  'went',
  'goes',
  'come',
  'came',
  'comes',
  'return',
  'returned',
  'returns',
  'travel',
  'traveled',
  'travelled',
  'move',
  'moved',
  'stay',
  'stayed',
  'live',
  'lived',
  'lives',
  'deployed',
  'stationed',
  'based',
]);

/** Bearings that are taken from a place: "east of X", "two miles southwest of X". */
export const COMPASS_POINTS = new Set([
  'north',
  'south',
  'east',
  'west',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'north-east',
  'north-west',
  'south-east',
  'south-west',
]);

/** A US legislator's party before the place they represent: "D-Columbus", "R-Marshall", "DFL-Cook". */
export const LEGISLATOR_PARTIES = new Set(['D', 'R', 'I', 'DFL']);
/** A member of a party, written after the place a politician represents ("the Arizona Republican"). */
export const PARTY_MEMBER_NOUNS = new Set(['republican', 'democrat']);

/** Era marks beside a year ("575 B.C.", "AD 70"), never the place they are spelt like. */
export const ERAS = new Set(['B.C.', 'BC', 'A.D.', 'AD', 'BCE', 'B.C.E.', 'CE', 'C.E.']);

/** Demonyms of continents and world regions, which no country's demonym list holds: the place each names. */
export const CONTINENT_DEMONYMS: Record<string, string> = {
  european: 'Europe',
  europeans: 'Europe',
  african: 'Africa',
  africans: 'Africa',
  asian: 'Asia',
  asians: 'Asia',
  'north american': 'North America',
  'north americans': 'North America',
  'south american': 'South America',
  'south americans': 'South America',
  'latin american': 'Latin America',
  'latin americans': 'Latin America',
};

/** Last words of a street's name; the name after it and a comma is the address's town ("Main Street, Tipperary"). */
export const STREET_TYPES = new Set([
  'street',
  'st',
  'road',
  'rd',
  'avenue',
  'ave',
  'drive',
  'lane',
  'boulevard',
  'blvd',
  'terrace',
  'crescent',
  'close',
  'parade',
  'highway',
]);

/**
 * First words of a town's services after its name ("Lindsay Police", "Wayne Food Pantry",
 * "Meredith Community Center"): a town named like a person is still the town before them.
 */
export const TOWN_SERVICE_WORDS = new Set([
  'police',
  'fire',
  'city',
  'town',
  'village',
  'township',
  'county',
  'sheriff',
  'senior',
  'seniors',
  'community',
  'public',
  'food',
  'high',
  'middle',
  'elementary',
  'library',
  'chamber',
  'volunteer',
  'municipal',
  'board',
  'school',
  'schools',
  'area',
]);

/**
 * Adjectives made of a person's name that read like a town's demonym ("Victorian",
 * "Elizabethan", "Jacksonian"): an era or a school of thought, not the town's people.
 */
export const EPONYM_ADJECTIVES = new Set([
  'victorian',
  'elizabethan',
  'edwardian',
  'jacksonian',
  'jeffersonian',
  'hamiltonian',
  'lincolnian',
  'darwinian',
  'newtonian',
  'orwellian',
  'freudian',
  'marxian',
  'augustinian',
  'franciscan',
  'wesleyan',
  'lutheran',
  'christian',
  'shakespearean',
  'dickensian',
  'reaganite',
  'trotskyite',
  'jacobite',
  'israelite',
  'islander',
  'islanders',
  'caucasian',
]);

/**
 * Demonym endings of towns and regions, as [ending, what the place's name ends with instead]:
 * "Ohioan" → "Ohio", "Minnesotan" → "Minnesota", "Ontarian" → "Ontario", "Texan" → "Texas",
 * "Parisian" → "Paris", "Floridian" → "Florida",
 * "Richmondite" → "Richmond", "Londoner" → "London". Tried in order on the singular.
 */
export const PLACE_DEMONYM_ENDINGS: readonly [string, string][] = [
  ['an', ''],
  ['an', 'a'],
  ['an', 'o'],
  ['an', 'as'],
  ['ian', ''],
  ['ian', 'a'],
  ['ite', ''],
  ['er', ''],
];

/** Smallest city whose people a derived demonym may name: a small town's "-an" is more often a surname's. */
export const DEMONYM_CITY_POPULATION = 100_000;

/**
 * Last words of names that are places of their own, not premises named after a town: natural
 * features and divisions ("Neches River", "Lake Ontario", "Hamilton Township", "Henry County").
 */
export const PLACES_OF_THEIR_OWN = new Set([
  'river',
  'creek',
  'lake',
  'lakes',
  'pond',
  'reservoir',
  'valley',
  'island',
  'islands',
  'mountain',
  'mountains',
  'hill',
  'hills',
  'peninsula',
  'bay',
  'sea',
  'gulf',
  'strait',
  'canyon',
  'forest',
  'desert',
  'falls',
  'springs',
  'beach',
  'county',
  'township',
  'parish',
  'borough',
  'district',
  'province',
  'region',
  'city',
  'town',
  'village',
  'state',
  'heights',
  // Endings of settlements' own names ("Tennessee Colony", "Meadow Grove", "Avondale Estates").
  'colony',
  'grove',
  'estates',
  'junction',
]);

/**
 * What a town's services, officers and courts start with after its name: "Brownsboro Police",
 * "the Harwinton Senior Center", "Tillsonburg Mayor X", "Bantam Superior Court".
 */
export const TOWN_OFFICES = new Set([
  'police',
  'fire',
  'sheriff',
  'senior',
  'seniors',
  'community',
  'volunteer',
  'city',
  'town',
  'village',
  'township',
  'mayor',
  'selectman',
  'selectmen',
  'alderman',
  'aldermen',
  'councilman',
  'councillor',
  'superior',
  'circuit',
  'magistrates',
  'crown',
]);

/**
 * Lower-case words after a county's bare name for its offices and people, beside TOWN_OFFICES
 * and RESIDENT_NOUNS: "DuPage Sheriff", "Avoyelles task force", "Preble voters", "Gwinnett
 * Medical Center".
 */
export const COUNTY_FOLLOWERS = new Set([
  'deputies',
  'coroner',
  'clerk',
  'commissioners',
  'commission',
  'prosecutor',
  'prosecutors',
  'jail',
  'voters',
  'schools',
  'task',
  'medical',
  'officials',
  'courthouse',
  'judge',
]);

/** Plural settlement words before "of" and a list of names: "the villages of Foua and Kfraya". */
export const SETTLEMENT_PLURALS = new Set([
  'villages',
  'towns',
  'cities',
  'suburbs',
  'neighborhoods',
  'neighbourhoods',
  'settlements',
  'communities',
  'hamlets',
  'camps',
]);

/**
 * The governments of the parties lexicon (lexicon/parties.ts) known by the building they sit in,
 * by folded name, with the city it stands in as the gazetteer names it ("at the White House" is
 * in Washington). The Pentagon is left out: it stands outside the capital it is named with.
 */
export const SEAT_BUILDINGS: Record<string, string> = {
  'white house': 'Washington, D.C.',
  kremlin: 'Moscow',
  'downing street': 'London',
  elysee: 'Paris',
  'elysee palace': 'Paris',
};
