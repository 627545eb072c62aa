/** Where the app keeps a reader's chosen theme ('light' or 'dark'; none: follow the system). */
export const THEME_STORAGE_KEY = 'member-lookup.theme';
