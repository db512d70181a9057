/** Capitalised abbreviations that name weapons, vehicles or things, not parties. Data only. */
export const NON_PARTY_ACRONYMS = new Set([
  'VBIED', 'VBIEDS', 'IED', 'IEDS', 'UAV', 'UAVS', 'DDG', 'RPG', 'RPGS', 'MANPADS', 'ATGM', 'APC', 'APCS', 'HIMARS',
  'MLRS', 'SAM', 'ICBM', 'GPS', 'TV', 'COVID', 'PDF', 'URL', 'AM', 'PM', 'GMT', 'UTC', 'CEO', 'KM', 'MM', 'FPV',
  'ID', 'OK', 'AK', 'HQ', 'POW', 'POWS', 'IDP', 'IDPS', 'GDP', 'WMD', 'LNG',
]);
