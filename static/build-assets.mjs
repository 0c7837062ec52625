// Builds static/dist/: the stylesheet (GOV.UK Frontend and the Ministry of Justice
// Design System's components, with our font stack), their scripts and images. Run at install time by `make assets`; static/dist/ is not committed.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");
const out = join(here, "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = sass.compile(join(here, "scss", "app.scss"), {
  // The root too: MOJ Frontend loads GOV.UK Frontend as "node_modules/govuk-frontend/…".
  loadPaths: [join(root, "node_modules"), root],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions", "slash-div"],
});
writeFileSync(join(out, "app.css"), result.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(moj, "all.bundle.mjs"), join(out, "moj-frontend.mjs"));
// Source maps beside the scripts they name: collectstatic's manifest follows the
// sourceMappingURL comments and refuses a missing file.
cpSync(join(moj, "all.bundle.mjs.map"), join(out, "all.bundle.mjs.map"));
// GOV.UK's accessible-autocomplete: the letter form's action picker's type-ahead.
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");
for (const name of [
  "accessible-autocomplete.min.js",
  "accessible-autocomplete.min.js.map",
  "accessible-autocomplete.min.css",
  "accessible-autocomplete.min.css.map",
]) {
  cpSync(join(autocomplete, name), join(out, name));
}
// Images only: the GDS Transport fonts under assets/fonts are not ours to serve.
cpSync(join(govuk, "assets", "images"), join(out, "assets", "images"), { recursive: true });
// MOJ Frontend's icons (the sortable headers' arrows, the document icon), which its styles
// reference from the same folder.
cpSync(join(moj, "assets", "images"), join(out, "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "assets", "manifest.json"));
console.log("built static/dist/app.css and scripts");
