import type { Locale } from '../locale.js';
import { type Catalogue, en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { Catalogue };
export const catalogues: Record<Locale, Catalogue> = { en, 'zh-CN': zhCN };
export { fill } from './fill.js';
