import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import { lookupPlaces } from '../lib/extract/gazetteer.js';
import { foldName } from '../lib/names.js';
import type { Extraction } from '../lib/extract/types.js';

const meta = { publishedAt: '2023-11-20T10:00:00Z' };
const placeNamed = (x: Extraction, name: string) =>
  x.locations.find((l) => [l.name, ...l.aliases].some((n) => foldName(n) === foldName(name)));

describe('places down to districts (GeoNames first- and second-level divisions)', () => {
  it('knows first-level regions of every country, with a point and REGION precision', () => {
    for (const [name, cc] of [
      ['Logar', 'AF'],
      ['Ituri', 'CD'],
      ['Texas', 'US'],
      ['Kherson Oblast', 'UA'],
      ['Sool', 'SO'],
      ['Tillabéri', 'NE'],
      ['Edo', 'NG'],
    ] as const) {
      const region = lookupPlaces(name).find((p) => p.precision === 'REGION' && p.countryCode === cc);
      expect(region, name).toMatchObject({ precision: 'REGION', countryCode: cc });
    }
  });

  it('a surname is never a county: second-level divisions named with their type word are found only with it', () => {
    expect(lookupPlaces('Clinton').some((p) => p.featureCode.startsWith('ADM2'))).toBe(false);
    expect(lookupPlaces('Clinton County').some((p) => p.featureCode.startsWith('ADM2') && p.countryCode === 'US')).toBe(
      true,
    );
  });

  it('"Hays district … western Yemen": the type word and the article’s country beat Hays, Kansas', () => {
    const x = extract('Houthi forces shelled Hays district in western Yemen on Sunday.', meta);
    expect(placeNamed(x, 'Hays district')).toMatchObject({ countryCode: 'YE', precision: 'REGION' });
  });

  it('"in Kharwar district, Logar": the district inside its province', () => {
    const x = extract('A drone struck a house in Kharwar district, Logar, killing two civilians.', meta);
    expect(placeNamed(x, 'Kharwar district')).toMatchObject({ countryCode: 'AF', precision: 'REGION' });
  });

  it('an unknown village inside a known district takes the district’s point at REGION precision', () => {
    const x = extract('Militia fighters raided Bule (Djugu, Ituri), killing 5 civilians.', meta);
    const bule = placeNamed(x, 'Bule')!;
    const djugu = lookupPlaces('Djugu').find((p) => p.countryCode === 'CD')!;
    expect(bule).toMatchObject({
      countryCode: 'CD',
      precision: 'REGION',
      latitude: djugu.latitude,
      longitude: djugu.longitude,
      geonamesId: null,
    });
  });

  it('"Puerto Jordan, Arauca department": a town named with "Puerto" keeps its whole name, though "Puerto" alone is a place', () => {
    const x = extract('Rebels attacked a police post in Puerto Jordan, Arauca department, killing 2 officers.', meta);
    expect(x.locations.map((l) => l.name)).toContain('Puerto Jordan');
    expect(x.locations.some((l) => l.name === 'Puerto')).toBe(false);
  });

  it('a province named by a common word is found with its type word: "Haiti\'s Centre department", "Cameroon\'s North region"', () => {
    const x = extract(
      "Gangs attacked Mirebalais, in Haiti's Centre department. In Cameroon, troops moved into the North region.",
      meta,
    );
    expect(placeNamed(x, 'Centre department')).toMatchObject({ countryCode: 'HT', precision: 'REGION' });
    expect(placeNamed(x, 'North region')).toMatchObject({ countryCode: 'CM', precision: 'REGION' });
    // Not a body called "Centre", and never the bare word as a place.
    expect(x.parties.map((p) => p.name)).not.toContain('Centre');
    expect(lookupPlaces('Centre')).toEqual([]);
  });

  it('a parent written with its type word ("Rafi LGA") is found by its bare name: the village takes the district’s point, not the state’s', () => {
    const x = extract('Gunmen attacked Kagara village (Rafi LGA, Niger State), abducting 12 people.', meta);
    const rafi = lookupPlaces('Rafi').find((p) => p.countryCode === 'NG')!;
    expect(placeNamed(x, 'Kagara')).toMatchObject({
      countryCode: 'NG',
      precision: 'REGION',
      latitude: rafi.latitude,
      longitude: rafi.longitude,
    });
  });

  it('of namesake parents, the one that holds the place: "Bamenda (Mezam, North-West)" is the North-West of Cameroon', () => {
    // Botswana and South Africa have a North-West too; only Cameroon's holds a Bamenda.
    expect(new Set(lookupPlaces('North-West').map((p) => p.countryCode)).size).toBeGreaterThan(1);
    const x = extract('Separatists killed a gendarme in Bamenda (Mezam, North-West) on Friday.', meta);
    expect(placeNamed(x, 'Bamenda')).toMatchObject({ countryCode: 'CM', precision: 'CITY' });
    expect(placeNamed(x, 'North-West')).toMatchObject({ countryCode: 'CM', precision: 'REGION' });
  });

  it('"Marib city", "the town of Mandera": written as a settlement, the town beats the province of its name', () => {
    const city = (text: string, name: string) => placeNamed(extract(text, meta), name);
    expect(city('A drone struck Marib city (Marib) on Sunday.', 'Marib')).toMatchObject({ precision: 'CITY' });
    expect(city('Fighting in the town of Mandera killed 4.', 'Mandera')).toMatchObject({ precision: 'CITY' });
    // Without the word, the province of that name stays the reading (it is as likely, and wider).
    expect(city('Fighting in Marib governorate killed 4.', 'Marib governorate')).toMatchObject({ precision: 'REGION' });
  });

  it('a name the gazetteer lacks, written before its district and province in parentheses, is a place there', () => {
    const x = extract('Gunmen attacked Kagara (Rafi LGA, Niger), killing 3 civilians.', meta);
    const rafi = lookupPlaces('Rafi').find((p) => p.countryCode === 'NG')!;
    expect(placeNamed(x, 'Kagara')).toMatchObject({ countryCode: 'NG', latitude: rafi.latitude });
    // The parents after "LGA," are where the village is, not what the claim is about.
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Kagara')!.key]);
    // One name in parentheses is as often a politician's state: no place is made of the person.
    expect(
      placeNamed(extract('Pastor Hubert Walling (Ohio) said the church was shelled.', meta), 'Hubert Walling'),
    ).toBe(undefined);
  });

  it('"Auchi (Etsako West LGA, Edo)": the parents pick the namesake in their state', () => {
    const x = extract('Fighting in Auchi (Etsako West LGA, Edo) left 4 dead.', meta);
    expect(placeNamed(x, 'Auchi')).toMatchObject({ countryCode: 'NG', precision: 'CITY' });
  });

  it('a town and the province named after it are one answer, the town', () => {
    const x = extract('Russian forces shelled Kharkiv and Odesa overnight.', meta);
    expect(placeNamed(x, 'Kharkiv')).toMatchObject({ countryCode: 'UA', precision: 'CITY' });
  });

  it('"Gainesville, Fla.": a news abbreviation of a state picks the town in it', () => {
    const x = extract('The storm hit Gainesville, Fla., on Monday, killing 2 people.', meta);
    const g = placeNamed(x, 'Gainesville')!;
    expect(g.countryCode).toBe('US');
    expect(Math.abs(g.longitude! - -82.3)).toBeLessThan(0.5);
  });
});

describe('short conflict event reports', () => {
  it('"… in Boni (Douentza, Mopti), killing 3 soldiers": a NARRATED claim about the village, placed in its country', () => {
    const x = extract(
      'On 12 March 2023, JNIM militants attacked army positions in Boni (Douentza, Mopti), killing 3 soldiers.',
      meta,
    );
    const boni = placeNamed(x, 'Boni')!;
    expect(boni.countryCode).toBe('ML');
    const [c] = x.claims;
    expect(c).toMatchObject({
      mode: 'NARRATED',
      claimantKey: null,
      kind: 'CASUALTIES',
      eventDate: '2023-03-12',
      quantities: [{ kind: 'KILLED', value: 3, since: null }],
    });
    expect(c!.locationKeys).toEqual([boni.key]);
  });

  it('"in Bankass cercle": a division type word of West Africa; a village it cannot place takes the cercle’s point', () => {
    const x = extract(
      'Militia killed 32 civilians in the village of Dinguila, in Bankass cercle (Mopti region).',
      meta,
    );
    const cercle = placeNamed(x, 'Bankass cercle');
    expect(cercle).toMatchObject({ countryCode: 'ML', precision: 'REGION' });
    expect(placeNamed(x, 'Dinguila')).toMatchObject({ precision: 'REGION', latitude: cercle!.latitude });
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Dinguila')!.key]);
  });

  it('in parentheses a parent may be a town: "(Bali, Mezam, North-West)" is Bali of Cameroon, not Bali of Indonesia', () => {
    const x = extract('Separatists abducted 5 civilians in Bali Nyonga (Bali, Mezam, North-West).', meta);
    expect(placeNamed(x, 'Bali')).toMatchObject({ countryCode: 'CM', precision: 'CITY' });
    expect(placeNamed(x, 'North-West')).toMatchObject({ countryCode: 'CM' });
  });

  it('"Mukondi village (Beni, Nord-Kivu)": a type word may stand before the parents', () => {
    const x = extract('Suspected ADF militants killed 7 civilians in Mukondi village (Beni, Nord-Kivu).', meta);
    expect(placeNamed(x, 'Mukondi')).toMatchObject({ countryCode: 'CD', precision: 'REGION' });
  });

  it('an abduction is an attack with a CAPTURED count', () => {
    const x = extract('Gunmen abducted 15 passengers near Katari (Kachia LGA, Kaduna).', meta);
    expect(x.claims[0]).toMatchObject({
      mode: 'NARRATED',
      kind: 'ATTACK',
      quantities: [{ kind: 'CAPTURED', value: 15, since: null }],
    });
    expect(placeNamed(x, 'Katari')).toMatchObject({ countryCode: 'NG' });
  });

  it('"in Masisi territory", "Plateau state": a division named with its type word in lower case', () => {
    const masisi = lookupPlaces('Masisi Territory').find((p) => p.countryCode === 'CD')!;
    const x = extract('Fighting went on in Masisi territory on Tuesday.', meta);
    expect(placeNamed(x, 'Masisi territory')).toMatchObject({ countryCode: 'CD', latitude: masisi.latitude });
    expect(placeNamed(extract('Gunmen struck villages in Plateau state.', meta), 'Plateau state')).toMatchObject({
      countryCode: 'NG',
      precision: 'REGION',
    });
  });

  it('"the town of Rubaya in Masisi territory, North Kivu": an unknown town takes the district written after "in"', () => {
    const masisi = lookupPlaces('Masisi Territory').find((p) => p.countryCode === 'CD')!;
    const x = extract('M23 rebels seized the town of Rubaya in Masisi territory, North Kivu, on Tuesday.', meta);
    expect(placeNamed(x, 'Rubaya')).toMatchObject({
      countryCode: 'CD',
      precision: 'REGION',
      latitude: masisi.latitude,
      longitude: masisi.longitude,
    });
  });

  it('a town far from the district written after it is another place: "Kukawa (Bassa LGA, Plateau)" is not Kukawa of Borno', () => {
    const bassa = lookupPlaces('Bassa').find((p) => p.featureCode === 'ADM2' && p.latitude > 9)!;
    for (const text of [
      'Gunmen killed 4 villagers in Kukawa (Bassa LGA, Plateau).',
      'Gunmen killed 4 villagers in Kukawa in Bassa LGA of Plateau State.',
    ]) {
      expect(placeNamed(extract(text, meta), 'Kukawa'), text).toMatchObject({
        precision: 'REGION',
        latitude: bassa.latitude,
        longitude: bassa.longitude,
      });
    }
  });

  it('a Canadian province written short after a town ("Churchill, Man.", "Gatineau, Que.", "Regina, SK") is that province', () => {
    const x = extract('She was born in Churchill, Man. She later lived in Gatineau, Que., and in Regina, SK.', meta);
    expect(placeNamed(x, 'Manitoba')).toMatchObject({ countryCode: 'CA', precision: 'REGION' });
    expect(placeNamed(x, 'Quebec')).toMatchObject({ countryCode: 'CA', precision: 'REGION' });
    expect(placeNamed(x, 'Saskatchewan')).toMatchObject({ countryCode: 'CA', precision: 'REGION' });
    expect(placeNamed(x, 'Gatineau')).toMatchObject({ countryCode: 'CA', precision: 'CITY' });
    // A town too small for the gazetteer is placed in its province, not at Man in Côte d'Ivoire.
    expect(placeNamed(x, 'Churchill')).toMatchObject({ countryCode: 'CA', precision: 'REGION' });
    // A division written short is listed under its name.
    const bc = extract('He noted B.C. had many cold winters.', meta).locations.find((l) => l.countryCode === 'CA');
    expect(bc?.name).toBe('British Columbia');
  });

  it('a name written as a parent is the division its chain resolved to: "Fresnillo, Zacatecas", "Albany, N.Y."', () => {
    const x = extract(
      'Police found 9 bodies in Fresnillo, Zacatecas. He was convicted in Albany, N.Y., last year.',
      meta,
    );
    expect(placeNamed(x, 'Zacatecas')).toMatchObject({ countryCode: 'MX', precision: 'REGION' });
    expect(placeNamed(x, 'New York')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    // A list of cities stays a list.
    const list = extract('Flights linked Moscow, Kiev, Minsk and Riga.', meta);
    expect(list.locations.map((l) => l.precision)).toEqual(['CITY', 'CITY', 'CITY', 'CITY']);
  });

  it('"Mbau, Beni territory (Nord-Kivu)": the type word and the parentheses after a qualifier are parents too', () => {
    const x = extract(
      'On 4 May 2024, unknown gunmen shot dead a local chief in Mbau, Beni territory (Nord-Kivu).',
      meta,
    );
    expect(placeNamed(x, 'Mbau')).toMatchObject({ countryCode: 'CD', precision: 'REGION' });
    expect(placeNamed(x, 'Beni')).toMatchObject({ countryCode: 'CD' });
  });

  it('"Bint Jbeil (Bint Jbeil, Nabatieh)": every part in the parentheses is an address, not what the claim is about', () => {
    const x = extract(
      'An Israeli airstrike targeted a car in Bint Jbeil (Bint Jbeil, Nabatieh), killing 2 Hezbollah members.',
      meta,
    );
    const claim = x.claims.find((c) => c.kind === 'CASUALTIES')!;
    expect(claim.locationKeys).toEqual([placeNamed(x, 'Bint Jbeil')!.key]);
  });

  it('"Dnipropetrovsk oblast" is the oblast, not the city once named alike', () => {
    const x = extract(
      'Russian shelling of Nikopol in Dnipropetrovsk oblast injured a man, Governor Serhiy Lysak said.',
      meta,
    );
    expect(placeNamed(x, 'Dnipropetrovsk oblast')).toMatchObject({ countryCode: 'UA', precision: 'REGION' });
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Nikopol')!.key]);
  });

  it('"Lay Kay Kaw village in Kayin State": a capitalised type word after "in" is a parent too, and the claim is about the village', () => {
    const x = extract(
      'The military conducted airstrikes on Lay Kay Kaw village in Kayin State, killing at least 5 civilians, according to the KNU.',
      meta,
    );
    const kayin = placeNamed(x, 'Kayin State')!;
    expect(placeNamed(x, 'Lay Kay Kaw')).toMatchObject({
      countryCode: 'MM',
      precision: 'REGION',
      latitude: kayin.latitude,
    });
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Lay Kay Kaw')!.key]);
  });

  it('"the village of Beita, south of Nablus": an unknown village takes the point of the town it lies beside', () => {
    const x = extract(
      'Forces shot and killed a teenager in the village of Beita, south of Nablus, the health ministry said.',
      meta,
    );
    const nablus = placeNamed(x, 'Nablus')!;
    expect(placeNamed(x, 'Beita')).toMatchObject({ precision: 'REGION', latitude: nablus.latitude });
    expect(x.claims[0]!.quantities).toMatchObject([{ kind: 'KILLED', value: 1 }]);
  });

  it('"Ntoyo village, in Lubero territory of North Kivu province": the district after ", in", the province after "of", and the claim about the village', () => {
    const x = extract(
      'Rebels killed 12 people in a raid on Ntoyo village, in Lubero territory of North Kivu province.',
      meta,
    );
    const lubero = placeNamed(x, 'Lubero')!;
    expect(placeNamed(x, 'Ntoyo')).toMatchObject({ countryCode: 'CD', precision: 'REGION', latitude: lubero.latitude });
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Ntoyo')!.key]);
  });

  it('"the village of X in Al Managil locality": a division the gazetteer lacks stands at its seat, and the claim is about the village', () => {
    const x = extract(
      'Fighters attacked the village of Um Sunut in Al Managil locality, Gezira state, killing 12 civilians.',
      meta,
    );
    const seat = placeNamed(x, 'Al Managil')!;
    expect(seat).toMatchObject({ countryCode: 'SD', precision: 'CITY' });
    expect(placeNamed(x, 'Um Sunut')).toMatchObject({ precision: 'REGION', latitude: seat.latitude });
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Um Sunut')!.key]);
  });

  it('"Jebel Moya in Sennar state": a name that starts with its feature word is its own, not Jebel of Romania', () => {
    const x = extract('The army regained control of Jebel Moya in Sennar state on Tuesday.', meta);
    expect(placeNamed(x, 'Jebel Moya')).toMatchObject({ countryCode: 'SD', precision: 'REGION' });
    expect(x.locations.map((l) => l.name)).not.toContain('Jebel');
  });

  it('an event the text places nowhere happened where the story was filed: its dateline', () => {
    const x = extract(
      'MOGADISHU, Somalia (AP) — A car bomb exploded near a checkpoint on Sunday, killing at least eight people, police said.\n\nThe blast shattered windows across the district.',
      meta,
    );
    expect(x.claims.map((c) => [c.kind, c.locationKeys])).toEqual([['CASUALTIES', [placeNamed(x, 'Mogadishu')!.key]]]);
    // A place of its own wins: the dateline is where the story was filed, not where every event was.
    const y = extract('NAIROBI, Kenya (Reuters) — Gunmen killed five people in Mandera on Sunday, police said.', meta);
    expect(y.claims[0]!.locationKeys).toEqual([placeNamed(y, 'Mandera')!.key]);
  });

  it('"X village of Sokoto state", "X, a village in Sagaing region": an unknown village takes the division it is written in', () => {
    const sokoto = extract('Gunmen killed five people in Kwalkwalawa village of Sokoto state on Friday.', meta);
    expect(placeNamed(sokoto, 'Kwalkwalawa')).toMatchObject({ countryCode: 'NG', precision: 'REGION' });
    const sagaing = extract(
      "Soldiers torched houses in Nyaung Pin Thar, a village in Sagaing region's Kani township, on Monday.",
      meta,
    );
    const region = placeNamed(sagaing, 'Sagaing region')!;
    expect(placeNamed(sagaing, 'Nyaung Pin Thar')).toMatchObject({
      countryCode: 'MM',
      precision: 'REGION',
      latitude: region.latitude,
    });
    expect(sagaing.claims[0]!.locationKeys).toContain(placeNamed(sagaing, 'Nyaung Pin Thar')!.key);
  });

  it('"the Solino neighbourhood of Port-au-Prince": a part of a town takes the town’s point', () => {
    const x = extract('Gangs burned houses in the Solino neighbourhood of Port-au-Prince on Tuesday.', meta);
    const city = placeNamed(x, 'Port-au-Prince')!;
    expect(placeNamed(x, 'Solino')).toMatchObject({ countryCode: 'HT', precision: 'REGION', latitude: city.latitude });
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Solino')!.key]);
  });

  it('"A attacked B in Djibo; the army said …": the first clause is the outlet’s own, and the figure after it is about its place', () => {
    const x = extract(
      'JNIM fighters attacked a military post in Djibo, in Soum province, on Monday; the army said 20 assailants were killed.',
      meta,
    );
    const djibo = placeNamed(x, 'Djibo')!.key;
    expect(x.claims.map((c) => [c.mode, c.kind, c.locationKeys, c.evidence.text.endsWith('Monday')])).toEqual([
      ['NARRATED', 'ATTACK', [djibo], true],
      ['INDIRECT', 'CASUALTIES', [djibo], false],
    ]);
  });

  it('"in Tabayin township, Sagaing region": a township is a division, and its own type word stands before its parents', () => {
    const x = extract('Troops torched 200 homes in Tabayin township, Sagaing region, on Thursday.', meta);
    const sagaing = placeNamed(x, 'Sagaing region')!;
    expect(sagaing).toMatchObject({ countryCode: 'MM', precision: 'REGION' });
    expect(placeNamed(x, 'Tabayin')).toMatchObject({
      countryCode: 'MM',
      precision: 'REGION',
      latitude: sagaing.latitude,
    });
  });

  it('"the Gaza City neighbourhood of Rimal": written after the town, the part is still what the claim is about', () => {
    const x = extract('Troops raided the Gaza City neighbourhood of Rimal on Monday.', meta);
    const city = placeNamed(x, 'Gaza City')!;
    const part = placeNamed(x, 'Rimal')!;
    expect(part).toMatchObject({ precision: 'REGION', latitude: city.latitude });
    expect(x.claims[0]!.locationKeys).toEqual([part.key]);
  });

  it('regions by the English spellings news uses: "Lower Shabelle", "Hiraan" (GeoNames: Lower Shabeelle, Hiiraan)', () => {
    const x = extract('Fighters attacked a base in Lower Shabelle region and in Mahas, Hiraan region.', meta);
    expect(placeNamed(x, 'Lower Shabelle region')).toMatchObject({ countryCode: 'SO', precision: 'REGION' });
    const hiran = placeNamed(x, 'Hiraan')!;
    expect(hiran).toMatchObject({ countryCode: 'SO', precision: 'REGION' });
    expect(placeNamed(x, 'Mahas')).toMatchObject({ countryCode: 'SO', latitude: hiran.latitude });
    for (const [phrase, country] of [
      ['Taiz governorate', 'YE'],
      ['Hasakah governorate', 'SY'],
      ['Timbuktu region', 'ML'],
      ['East Darfur', 'SD'],
      ['Baluchistan', 'PK'],
    ] as const) {
      const y = extract(`Fighting was reported in ${phrase} on Monday.`, meta);
      expect(placeNamed(y, phrase), phrase).toMatchObject({ countryCode: country, precision: 'REGION' });
    }
  });

  it('"along the Kaduna-Abuja highway near Katari": a route’s ends say where only when nothing else does', () => {
    const near = extract('Gunmen abducted 6 people along the Kaduna-Abuja highway near Kachia.', meta);
    expect(near.claims[0]!.locationKeys).toEqual([placeNamed(near, 'Kachia')!.key]);
    const only = extract('Gunmen attacked a bus on the Kaduna-Abuja highway.', meta);
    expect(only.claims[0]!.locationKeys).toEqual([placeNamed(only, 'Kaduna')!.key, placeNamed(only, 'Abuja')!.key]);
  });

  it('"the border town of Mandera" is the town, not the county named alike', () => {
    const x = extract('Kenyan troops killed 9 fighters near the border town of Mandera.', meta);
    expect(placeNamed(x, 'Mandera')).toMatchObject({ countryCode: 'KE', precision: 'CITY' });
  });
});

describe('parents written with particles', () => {
  it('"Jamundí, Valle del Cauca": the whole department is the parent, not Valle of Honduras', () => {
    const x = extract(
      'Dissidents attacked a police station in Jamundí, Valle del Cauca, wounding three officers.',
      meta,
    );
    expect(placeNamed(x, 'Jamundí')).toMatchObject({ countryCode: 'CO', precision: 'CITY' });
    expect(x.locations.map((l) => l.countryCode)).not.toContain('HN');
  });
});

describe('camps', () => {
  it('"the Nur Shams refugee camp near Tulkarm": a camp named before its kind is a place, at the town it lies beside', () => {
    const x = extract('Troops killed three men during a raid on the Nur Shams refugee camp near Tulkarm.', meta);
    const town = placeNamed(x, 'Tulkarm')!;
    expect(placeNamed(x, 'Nur Shams')).toMatchObject({
      countryCode: 'PS',
      precision: 'REGION',
      latitude: town.latitude,
    });
    expect(x.parties.map((p) => p.name)).not.toContain('Nur Shams');
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Nur Shams')!.key]);
  });

  it('the SPLA is South Sudan’s army, its possessive name read whole', () => {
    const x = extract("Clashes erupted between factions of the Sudan People's Liberation Army in Jonglei state.", meta);
    expect(x.parties.map((p) => [p.name, p.affiliation])).toContainEqual(['Sudan People’s Liberation Army', 'SS']);
  });
});

describe('neighbourhoods on either side of their town', () => {
  it('"the Delmas neighbourhood of Port-au-Prince": a capital after "of" is the town, though the part is a town elsewhere (Delmas, South Africa)', () => {
    const x = extract('Gangs attacked the Delmas neighbourhood of Port-au-Prince on Monday.', meta);
    expect(placeNamed(x, 'Port-au-Prince')).toMatchObject({ countryCode: 'HT', precision: 'CITY' });
    expect(placeNamed(x, 'Delmas')).toMatchObject({ countryCode: 'HT' });
  });
});

describe('peoples in conflict reporting', () => {
  it('"clashes between Fulani herders and farmers": a people is no place, and the claim is about where the clashes were', () => {
    const x = extract('Clashes between Fulani herders and farmers in Mangu LGA of Plateau state left 17 dead.', meta);
    expect(x.locations.map((l) => l.name)).not.toContain('Fulani');
    expect(x.claims[0]!.locationKeys).toEqual([placeNamed(x, 'Mangu')!.key]);
  });
});
