const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for an XML element or attribute value (DataTransfer files, SVG labels).
 *
 * @example
 * escapeXml(`Müller & "Söhne"`) // 'Müller &amp; &quot;Söhne&quot;'
 */
export function escapeXml(text: string): string {
  // Most text needs no escaping; testing first spares a replace (and a new string) per field.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(ESCAPABLE, (character) => XML_ESCAPES[character] ?? character);
}

const NEEDS_ESCAPING = /[&<>"']/;
const ESCAPABLE = /[&<>"']/g;
