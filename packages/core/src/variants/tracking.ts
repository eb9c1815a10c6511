import { formatIdentcode, parseIdentcode } from '../identcode/identcode';

/**
 * The tracking link of a parcel from a template with `{identcode}` and optionally `{lang}`.
 *
 * @example
 * trackingUrlFrom('https://service.post.ch/ekp-web/ui/entry/search/{identcode}?lang={lang}', '996001321700005959', 'fr')
 */
export function trackingUrlFrom(
  template: string,
  identcode: string,
  lang: 'de' | 'fr' | 'it' | 'en' = 'de',
): string {
  const code = formatIdentcode(parseIdentcode(identcode));
  return template.replaceAll('{identcode}', code).replaceAll('{lang}', lang);
}
