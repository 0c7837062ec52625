// Progressive enhancement only: every page works without this script.
import { initAll } from "/static/dist/govuk-frontend.min.js";
import { initAll as initMoj } from "/static/dist/moj-frontend.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initMoj();
