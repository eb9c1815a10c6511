// The entry of the script bundle `dist/pickpost-widget.js`: loading it defines the element.
import { defineElement } from './define';

defineElement();
