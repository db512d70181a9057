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
