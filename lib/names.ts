/**
 * Name folding: the one rule for matching names and aliases ("Ağdam" = "Agdam",
 * "SHUSHA" = "Shusha", "Nagorno-Karabakh" = "Nagorno Karabakh"). Used by extraction,
 * by the name index in DynamoDB and by `resolve(name)`, so all three agree.
 */

// Letters that Unicode decomposition leaves alone but English transliteration flattens.
const SPECIAL_LETTERS: Record<string, string> = {
  ə: 'e',
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
};

export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[əıøæœßłđðþħ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
