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
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}
