import { styles } from './styles';

// Texts are filled in by `data-t` (text) and `data-t-label` (aria-label) keys of the dictionary,
// so switching the language never rebuilds the form the shopper is typing in. The search and ID
// fields put their hint and error between label and input: below it, they would push the input
// up and leave Search and Confirm, aligned to the field's bottom, beside the hint instead.

const field = (name: string, type: string, autocomplete: string) =>
  `<div class="field"><label for="r-${name}" data-t="${name}"></label><input id="r-${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required aria-describedby="r-${name}-e" part="register-input"><span id="r-${name}-e" class="field-error"></span></div>`;

const errorBox = (part: string) =>
  `<div class="error" part="${part}" role="alert" hidden><span></span><button type="button" part="retry-button" data-t="retry"></button></div>`;

const kind = (value: string) =>
  `<label><input type="radio" name="kind" value="${value}"${value ? '' : ' checked'}><span data-t="kind${value ? value[0]!.toUpperCase() + value.slice(1) : 'All'}"></span></label>`;

/** The element's shadow DOM, without any text. */
export const template = `<style>${styles}</style>
<div class="box" part="container">
<form class="search" part="search" role="search" novalidate>
<div class="field"><label for="q" data-t="query"></label><span id="q-e" class="field-error"></span><input id="q" name="q" part="query-input" autocomplete="postal-code" enterkeyhint="search" aria-describedby="q-e"></div>
<button type="submit" part="search-button" data-t="search"></button>
<button type="button" part="locate-button" data-t="locate" hidden></button>
</form>
<p class="status" part="status" role="status" aria-live="polite"></p>
${errorBox('error')}
<section class="chosen" part="chosen" aria-labelledby="c-h" tabindex="-1" hidden><h3 id="c-h" data-t="chosen"></h3><p class="chosen-point"></p><p class="chosen-id"></p><table part="hours"><caption class="hint" data-t="hours"></caption><tbody></tbody></table><button type="button" class="link" part="change-button" data-t="change"></button></section>
<fieldset class="kinds" part="kind-filter" hidden><legend data-t="kindFilter"></legend>${kind('')}${kind('pickpost')}${kind('mypost24')}</fieldset>
<button type="button" class="link" part="map-button" aria-expanded="false" aria-controls="map" hidden></button><div id="map" class="map" part="map" hidden></div>
<ul role="listbox" part="list" data-t-label="list" hidden></ul>
<button type="button" class="more" part="more-button" hidden></button>
<section class="customer" part="customer" aria-labelledby="pid-l" hidden>
<p class="name for"></p>
${errorBox('customer-error')}
<form class="id-form" part="id-form" novalidate>
<div class="field"><label id="pid-l" for="pid" data-t="idLabel"></label><p id="pid-h" class="hint" data-t="idHint"></p><span id="pid-e" class="field-error"></span><input id="pid" name="pickpostId" part="pickpost-id-input" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="pid-e pid-h"></div>
<button type="submit" part="confirm-button" data-t="confirm"></button>
</form>
<button type="button" class="link" part="register-toggle" aria-expanded="false" aria-controls="reg" data-t="noId"></button>
<form id="reg" class="register" part="register-form" novalidate hidden>
<fieldset><legend data-t="registerHeading"></legend>
<div class="field"><label for="r-title" data-t="title"></label><select id="r-title" name="title" autocomplete="honorific-prefix" part="register-input"></select></div>
${field('firstName', 'text', 'given-name')}${field('name1', 'text', 'family-name')}${field('street', 'text', 'address-line1')}${field('houseNo', 'text', 'off')}${field('zip', 'text', 'postal-code')}${field('city', 'text', 'address-level2')}${field('email', 'email', 'email')}
<button type="submit" part="register-button" data-t="register"></button>
</fieldset>
</form>
</section>
</div>`;

let parsedTemplate: HTMLTemplateElement | undefined;

/**
 * The shadow DOM, parsed once through a `<template>`. Setting the shadow root's `innerHTML`
 * directly would parse it in the context of the host, and a host inside the checkout's
 * `<form>` makes the HTML parser drop every nested `<form>` start tag: the widget's own search,
 * ID and registration forms would vanish in real browsers (happy-dom does not do this).
 */
export function templateContent(): DocumentFragment {
  if (parsedTemplate === undefined) {
    parsedTemplate = document.createElement('template');
    parsedTemplate.innerHTML = template;
  }
  return parsedTemplate.content;
}
