// The map bundle inlines Leaflet's stylesheet as text (tsup's `text` loader) for its shadow root.
declare module '*.css' {
  const text: string;
  export default text;
}
