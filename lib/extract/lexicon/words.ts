/** Capitalised abbreviations that name weapons, vehicles or things, not parties. Data only. */
export const NON_PARTY_ACRONYMS = new Set([
  'VBIED', 'VBIEDS', 'IED', 'IEDS', 'UAV', 'UAVS', 'DDG', 'RPG', 'RPGS', 'MANPADS', 'ATGM', 'APC', 'APCS', 'HIMARS',
  'MLRS', 'SAM', 'ICBM', 'GPS', 'TV', 'COVID', 'PDF', 'URL', 'AM', 'PM', 'GMT', 'UTC', 'CEO', 'KM', 'MM', 'FPV',
  'ID', 'OK', 'AK', 'HQ', 'POW', 'POWS', 'IDP', 'IDPS', 'GDP', 'WMD', 'LNG',
]);

/**
 * Platforms and outlets that are written like place names but are not places ("wrote on
 * Telegram", "posted on X"). Folded to lower case. Data only.
 */
export const PLATFORMS = new Set([
  'telegram', 'x', 'twitter', 'facebook', 'instagram', 'youtube', 'tiktok', 'whatsapp', 'vkontakte', 'vk',
  'truth social', 'weibo', 'wechat', 'signal', 'linkedin', 'threads', 'bluesky', 'snapchat', 'reddit',
  'rumble', 'gab', 'parler', 'odnoklassniki', 'viber', 'discord', 'twitch', 'substack', 'medium',
]);
