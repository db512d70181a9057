/**
 * Word classes from compromise's lexicon (first names, surnames, honorifics, verbs, function
 * words). Only the lexicon is used: running compromise's tagger costs ~17 ms per article, the
 * lexicon lookup nothing.
 */
import nlp from 'compromise';
import { memo } from './memo.js';

type Tags = string | string[] | undefined;

const lexicon = (nlp.model() as { one: { lexicon: Record<string, Tags>; abbreviations?: Record<string, boolean> } })
  .one;
const LEXICON = lexicon.lexicon;
const ABBREVIATIONS = new Set(Object.keys(lexicon.abbreviations ?? {}));
for (const a of [
  'gen',
  'lt',
  'col',
  'maj',
  'brig',
  'capt',
  'sgt',
  'cpl',
  'pvt',
  'spc',
  'adm',
  'cmdr',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'st',
  'no',
  'vs',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'mt',
  'ft',
  'approx',
  'est',
  'fig',
  'etc',
  'al',
  'rev',
  'hon',
  'messrs',
]) {
  ABBREVIATIONS.add(a);
}
// compromise lists these as abbreviations; in news they are ordinary words far more often.
for (const w of [
  'ad',
  'ca',
  'ma',
  'pa',
  'ut',
  'va',
  'ga',
  'ia',
  'ie',
  'me',
  'pd',
  'md',
  'lit',
  'arc',
  'ba',
  'bl',
  'cal',
  'min',
  'sec',
  'temp',
  'vet',
  'fem',
  'def',
  'ver',
  'dist',
  'res',
  'det',
  'fr',
  'ps',
  'ex',
  'exp',
  'pp',
  'pl',
  'pt',
  'ss',
  'tel',
  'wis',
  'ida',
  'kan',
  'neb',
  'tex',
  'minn',
  'que',
  'ont',
  'alta',
  'sask',
  'penn',
  'conn',
  'colo',
  'fla',
  'fl',
  'ariz',
  'calif',
  'dak',
  'tenn',
  'vt',
  'wy',
  'wyo',
  'wisc',
  'okla',
  'kans',
  'nebr',
  'penna',
  'eng',
  'lat',
  'lng',
  'gal',
  'jd',
  'mi',
  'hr',
  'td',
]) {
  ABBREVIATIONS.delete(w);
}

function tagsOf(word: string): string[] {
  const t = LEXICON[word.toLowerCase()];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

export function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase());
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
export function isFirstName(word: string): boolean {
  return tagsOf(word).some((t) => NAME_TAGS.has(t));
}

export function isLastName(word: string): boolean {
  return tagsOf(word).includes('LastName');
}

const FUNCTION_TAGS = new Set([
  'Determiner',
  'Preposition',
  'Pronoun',
  'Conjunction',
  'Adverb',
  'QuestionWord',
  'Modal',
  'Copula',
  'Reflexive',
  'Possessive',
  'Negative',
  'Auxiliary',
  'PastTense',
  'PresentTense',
  'Infinitive',
  'Gerund',
  'Participle',
  'Adjective',
  'Comparative',
  'Superlative',
  'Expression',
  'Cardinal',
  'Ordinal',
  'TextValue',
  'Plural',
  'Singular',
  'Uncountable',
  'Noun',
  'Actor',
  'Duration',
  'Date',
]);
const PROPER_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'City',
  'Country',
  'Place',
  'Region',
  'ProperNoun',
  'Organization',
  'Demonym',
  'SportsTeam',
  'Person',
]);

/**
 * A capitalised word at the start of a sentence that is an ordinary English word ("The",
 * "Under", "Several", "Fighting"), not the start of a name.
 */
export function isCommonWord(word: string): boolean {
  const tags = tagsOf(word);
  if (tags.length === 0) return COMMON_EXTRA.has(word.toLowerCase());
  if (tags.some((t) => PROPER_TAGS.has(t))) return false;
  return tags.some((t) => FUNCTION_TAGS.has(t));
}

// Frequent sentence starters missing from the lexicon (compromise infers them by rule).
const COMMON_EXTRA = new Set([
  'meanwhile',
  'however',
  'earlier',
  'later',
  'yesterday',
  'today',
  'tomorrow',
  'tonight',
  'fighting',
  'clashes',
  'shelling',
  'officials',
  'residents',
  'witnesses',
  'troops',
  'forces',
  'soldiers',
  'according',
  'despite',
  'amid',
  'following',
  'since',
  'during',
  'after',
  'before',
  'while',
  'although',
  'though',
  'also',
  'several',
  'many',
  'some',
  'most',
  'both',
  'each',
  'every',
  'no',
  'none',
  'nearly',
  'about',
  'around',
  'over',
  'under',
  'more',
  'less',
  'one',
  'two',
  'three',
  'it',
  'its',
  'their',
  'his',
  'her',
  'our',
  'we',
  'they',
  'he',
  'she',
  'i',
  'you',
  'there',
  'here',
  'this',
  'that',
  'these',
  'those',
  'in',
  'on',
  'at',
  'for',
  'with',
  'by',
  'from',
  'to',
  'of',
  'as',
  'if',
  'when',
  'where',
  'why',
  'how',
  'what',
  'who',
  'which',
  'but',
  'and',
  'or',
  'so',
  'yet',
  'not',
  'all',
  'any',
  'an',
  'a',
  'the',
  'such',
  'other',
  'another',
  'further',
  'photographs',
  'images',
  'footage',
  'video',
  'reports',
  'sources',
  'people',
  'civilians',
  'militants',
  'rebels',
  'police',
  'authorities',
  'analysts',
  'critics',
  'observers',
  'activists',
  'protesters',
  'rescuers',
  'medics',
  'doctors',
  'casualties',
  'strikes',
  'airstrikes',
  'attacks',
  'tension',
  'tensions',
  'capture',
  'control',
  'fighters',
  'killing',
  'killings',
  'heavy',
  'intense',
  'overnight',
  'separately',
  'elsewhere',
  'additionally',
  'moreover',
  'furthermore',
  'instead',
  'still',
  'already',
  'once',
  'then',
  'thus',
  'hence',
  'indeed',
  'ukraine’s',
  'unlike',
  'like',
  'with',
  'without',
]);

const VERB_TAGS = new Set(['PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Modal', 'Copula', 'Auxiliary']);
const isInfinitive = (stem: string): boolean => tagsOf(stem).includes('Infinitive');

/**
 * The stems a regular inflection may come from: "accepted" ← accept, "shelled" ← shell,
 * "extradited" ← extradite, "carried" ← carry, "stopped" ← stop; likewise -s and -ing.
 */
function regularStems(word: string): string[] {
  const w = word.toLowerCase();
  for (const ending of ['ed', 'ing', 'es', 's']) {
    if (!w.endsWith(ending) || w.length < ending.length + 3) continue;
    const stem = w.slice(0, -ending.length);
    const stems = [stem, `${stem}e`];
    if (ending === 'ed' || ending === 'es') stems.push(stem.replace(/i$/, 'y'));
    if (/(.)\1$/.test(stem)) stems.push(stem.slice(0, -1));
    return stems;
  }
  return [];
}

const verbForm = memo(
  (word: string): boolean => tagsOf(word).some((t) => VERB_TAGS.has(t)) || regularStems(word).some(isInfinitive),
);

/** A form of a verb: in the lexicon as one, or a regular inflection of an infinitive it has. */
export const isVerbForm = (word: string): boolean => verbForm(word.toLowerCase());

export function isPronoun(word: string): boolean {
  return tagsOf(word).includes('Pronoun');
}

export function isCommonNoun(word: string): boolean {
  return tagsOf(word).some((t) => t === 'Singular' || t === 'Plural' || t === 'Noun' || t === 'Uncountable');
}
