/**
 * The element's own styles. Every colour, the font and the radius come from a CSS custom
 * property the shop can set on `pickpost-point-picker`; states are shown by text, borders and
 * marks as well as colour, and forced-colors mode falls back to system colours. (Comments in
 * the string below reach the bundle: reasons go here. The error mark sits inside the message's
 * box; as a flex item of its own it stood alone on a line at 360 px.)
 */
export const styles = `
:host {
  display: block;
  font: var(--pickpost-font, inherit);
  color: var(--pickpost-color, #1a1a1a);
  --_bg: var(--pickpost-background, #fff);
  --_border: var(--pickpost-border-color, #6b6b6b);
  --_accent: var(--pickpost-accent, #ffcc00);
  --_on-accent: var(--pickpost-on-accent, #1a1a1a);
  --_selected: var(--pickpost-selected-background, #fff7d1);
  --_muted: var(--pickpost-muted-color, #4d4d4d);
  --_error: var(--pickpost-error-color, #b00020);
  --_focus: var(--pickpost-focus-color, #0b57d0);
  --_radius: var(--pickpost-radius, 6px);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.box { background: var(--_bg); display: grid; gap: .75em; }
form { display: flex; flex-wrap: wrap; gap: .5em; align-items: flex-end; margin: 0; }
.field { display: grid; gap: .25em; flex: 1 1 10em; }
label, legend { font-weight: 600; }
input, select, button { font: inherit; color: inherit; border-radius: var(--_radius); min-height: 2.5em; }
input, select { border: 1px solid var(--_border); background: var(--_bg); padding: .4em .6em; width: 100%; }
input[aria-invalid="true"] { border: 2px solid var(--_error); }
button { cursor: pointer; border: 1px solid var(--_on-accent); background: var(--_accent); color: var(--_on-accent); padding: .4em 1em; font-weight: 600; }
button.link { background: none; border-color: transparent; text-decoration: underline; padding-inline: 0; color: inherit; text-align: start; }
button[aria-disabled="true"] { cursor: progress; border-style: dashed; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.status, .hint { color: var(--_muted); margin: 0; }
/* Hidden from sight, not from screen readers: an empty live region must exist to be heard. */
.status:empty, .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.error { border: 2px solid var(--_error); border-radius: var(--_radius); padding: .5em .75em; display: flex; flex-wrap: wrap; gap: .5em; align-items: center; }
.error span::before { content: "⚠ "; font-weight: 700; }
.field-error { color: var(--_error); font-size: .9em; }
.field-error:empty { display: none; }
[role="listbox"] { list-style: none; margin: 0; padding: 0; display: grid; gap: .5em; }
[role="listbox"][aria-busy="true"] [role="option"] { border-style: dashed; background: #f2f2f2; cursor: progress; }
.more, [part=map-button] { justify-self: start; }
.map { height: var(--pickpost-map-height, 18em); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
.kinds { padding: .4em .75em; gap: .25em 1em; }
.kinds label { font-weight: 400; display: inline-flex; gap: .4em; align-items: center; }
.kinds input { width: 1.5em; height: 1.5em; min-width: 24px; min-height: 24px; margin: 0; }
.nw { white-space: nowrap; }
.now { font-weight: 600; }
.badge.last { border-style: double; border-width: 3px; }
[role="option"] { border: 1px solid var(--_border); border-radius: var(--_radius); padding: .6em .75em .6em 2.25em; cursor: pointer; position: relative; display: grid; gap: .15em; background: var(--_bg); }
[role="option"]:hover { border-color: currentColor; }
[role="option"][aria-selected="true"] { border: 3px solid currentColor; background: var(--_selected); padding-left: calc(2.25em - 2px); }
[role="option"]::before { content: ""; position: absolute; left: .7em; top: .75em; width: .9em; height: .9em; border: 2px solid currentColor; border-radius: 50%; }
[role="option"][aria-selected="true"]::before { content: "✓"; display: grid; place-items: center; font-size: .8em; width: 1.3em; height: 1.3em; background: var(--_accent); color: var(--_on-accent); }
.head { display: flex; flex-wrap: wrap; gap: .25em .5em; align-items: baseline; }
.name { font-weight: 600; }
.badge { border: 1px solid currentColor; border-radius: 999px; padding: 0 .5em; font-size: .8em; }
.badge.mypost24 { border-style: dashed; }
.distance { margin-left: auto; color: var(--_muted); }
.address, .today { color: var(--_muted); font-size: .95em; }
.chosen { border: 2px solid currentColor; border-radius: var(--_radius); padding: .6em .75em; }
#c-h { font-size: 1em; margin: 0 0 .25em; }
.chosen table { border-collapse: collapse; margin-top: .25em; }
.chosen caption { text-align: left; }
.chosen p { margin: 0 0 .25em; }
.chosen p:empty { display: none; }
.chosen th { text-align: left; font-weight: 400; padding-right: 1em; }
fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 0; display: flex; flex-wrap: wrap; gap: .5em; }
@media (forced-colors: active) {
  [role="option"][aria-selected="true"] { border-color: Highlight; }
  [role="option"][aria-selected="true"]::before { forced-color-adjust: none; background: Highlight; color: HighlightText; }
  :focus-visible { outline-color: Highlight; }
  button { border-color: ButtonText; }
}
`;
