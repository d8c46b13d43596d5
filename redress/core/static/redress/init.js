/* Starts GOV.UK Frontend's components on every page (a module, like GOV.UK Frontend's own file,
   which sits beside this folder among the static files). */
import { initAll } from '../govuk/govuk-frontend.min.js';

initAll();
