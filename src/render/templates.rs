//! The theme: built-in Tera templates and assets compiled into the binary,
//! overridden file by file by the site's `templates/`, and the `t()`
//! function that puts Fluent messages into them.
//!
//! Built once per build; rendering threads share it read-only.

use std::sync::Arc;

use tera::{Context, ErrorKind, Function, Kwargs, State, Tera, TeraResult, Value};

use crate::diagnostics::Diagnostic;
use crate::i18n::Locales;
use crate::layout::TEMPLATES_DIR;
use crate::load::SourceText;

/// Built-in templates, by the name a site uses to override them.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "partials/language-switcher.html",
        include_str!("../../templates/partials/language-switcher.html"),
    ),
    (
        "partials/news-summary.html",
        include_str!("../../templates/partials/news-summary.html"),
    ),
    (
        "partials/term-summary.html",
        include_str!("../../templates/partials/term-summary.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../templates/partials/pagination.html"),
    ),
    (
        "news-item.html",
        include_str!("../../templates/news-item.html"),
    ),
    ("page.html", include_str!("../../templates/page.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "taxonomy.html",
        include_str!("../../templates/taxonomy.html"),
    ),
    (
        "news-list.html",
        include_str!("../../templates/news-list.html"),
    ),
    ("home.html", include_str!("../../templates/home.html")),
    ("root.html", include_str!("../../templates/root.html")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// Built-in files of the theme written to the output root as they are.
const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("warta.css", include_str!("../../templates/warta.css")),
    (
        "warta-search.js",
        include_str!("../../templates/warta-search.js"),
    ),
];

/// The compiled templates plus the theme's asset files.
pub struct Theme {
    tera: Tera,
    /// The site replaces or adds a template (one equal to the built-in
    /// one does not count).
    customized: bool,
    /// `(output path, bytes)` of theme files that are not templates.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Site templates that replace no built-in one and that no template
    /// uses: most likely a misspelt name.
    /// Problems that do not stop the theme compiling: unused templates
    /// (warnings), messages that would fail when formatted (errors).
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    /// Compiles the built-in templates with the site's overrides. Files of
    /// the site's `templates/` whose names end in `.html` are templates;
    /// other files replace or add theme assets.
    pub fn new(
        overrides: &[SourceText],
        locales: Arc<Locales>,
        languages: Vec<String>,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        // Every template is HTML, whatever its name; a site template named
        // `x.htm` or without suffix must not lose escaping.
        tera.autoescape_on(vec![""]);
        tera.register_function(
            "t",
            Translate {
                locales: locales.clone(),
                languages,
            },
        );

        let mut templates: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut assets = Theme::builtin_assets();
        let mut customized = false;
        for file in overrides {
            let name = file
                .path
                .strip_prefix(&format!("{TEMPLATES_DIR}/"))
                .unwrap_or(&file.path)
                .to_string();
            if name.ends_with(".html") {
                match templates.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => {
                        customized |= slot.1 != file.text;
                        slot.1 = file.text.clone();
                    }
                    None => {
                        customized = true;
                        templates.push((name, file.text.clone()));
                    }
                }
            } else {
                match assets.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = file.text.as_bytes().to_vec(),
                    None => assets.push((name, file.text.as_bytes().to_vec())),
                }
            }
        }
        let mut warnings = unused_templates(overrides, &templates);
        // Messages are checked against what the templates in use pass.
        let calls: Vec<crate::i18n::checks::TemplateCall> = templates
            .iter()
            .flat_map(|(name, text)| {
                crate::i18n::checks::template_calls(&format!("{TEMPLATES_DIR}/{name}"), text)
            })
            .collect();
        warnings.extend(locales.message_problems(&calls));
        // One batch: inheritance and includes resolve across built-in and
        // site templates alike.
        if let Err(error) = tera.add_raw_templates(templates) {
            return Err(vec![template_diagnostic(&error, overrides)]);
        }
        Ok(Theme {
            tera,
            customized,
            assets,
            warnings,
        })
    }

    /// The built-in theme's assets, as a theme without overrides has them.
    pub fn builtin_assets() -> Vec<(String, Vec<u8>)> {
        BUILTIN_ASSETS
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    /// Whether the site replaces or adds a template.
    pub fn is_customized(&self) -> bool {
        self.customized
    }

    /// Renders a template with a context built from a view struct.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|error| template_diagnostic(&error, &[]))
    }
}

/// A Tera error as a diagnostic naming the template file and line.
fn template_diagnostic(error: &tera::Error, overrides: &[SourceText]) -> Diagnostic {
    let report = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let Some(report) = report else {
        return Diagnostic::error(
            "template.error",
            TEMPLATES_DIR,
            first_line(&error.to_string()),
        );
    };
    let name = report.filename();
    let site_path = format!("{TEMPLATES_DIR}/{name}");
    let path = if overrides.iter().any(|o| o.path == site_path) || overrides.is_empty() {
        site_path
    } else {
        format!("{site_path} (built-in)")
    };
    let span = report.span();
    Diagnostic::error("template.error", path, report.message().to_string())
        .at(span.start_line, span.start_col + 1)
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_start_matches("error: "))
        .next()
        .unwrap_or(text)
        .to_string()
}

/// `t(key="...", count=n, ...)`: a Fluent message in the page's language
/// (the `lang` of the render context, or an explicit `lang=`). Other
/// keyword arguments become Fluent arguments.
struct Translate {
    locales: Arc<Locales>,
    languages: Vec<String>,
}

impl Function<TeraResult<String>> for Translate {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<String> {
        let key: &str = kwargs.must_get("key")?;
        let lang_code: String = match kwargs.get::<String>("lang")? {
            Some(code) => code,
            None => state
                .get::<String>("lang")?
                .ok_or_else(|| tera::Error::message("t(): the page has no `lang`"))?,
        };
        let lang = self
            .languages
            .iter()
            .position(|l| *l == lang_code)
            .ok_or_else(|| {
                tera::Error::message(format!("t(): `{lang_code}` is not a site language"))
            })?;
        let mut args = fluent_bundle::FluentArgs::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str() else { continue };
            if name == "key" || name == "lang" {
                continue;
            }
            args.set(name.to_string(), fluent_value(value));
        }
        match self.locales.format(lang, key, Some(&args)) {
            (_, crate::i18n::Found::Missing) => Err(tera::Error::message(format!(
                "t(key=\"{key}\"): there is no message `{key}` in any language; add it to locales/<lang>/*.ftl, or correct the key"
            ))),
            (text, _) => Ok(text),
        }
    }
}

fn fluent_value(value: &Value) -> fluent_bundle::FluentValue<'static> {
    if let Some(n) = value.as_i64() {
        fluent_bundle::FluentValue::from(n)
    } else if let Some(f) = value.as_f64() {
        fluent_bundle::FluentValue::from(f)
    } else if let Some(s) = value.as_str() {
        fluent_bundle::FluentValue::from(s.to_string())
    } else {
        fluent_bundle::FluentValue::from(value.to_string())
    }
}

/// A warning for each site template whose name is not a built-in
/// template's and that no other template extends, includes or imports.
fn unused_templates(overrides: &[SourceText], templates: &[(String, String)]) -> Vec<Diagnostic> {
    let built_in: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(name, _)| *name).collect();
    let mut warnings = Vec::new();
    for file in overrides {
        let name = file
            .path
            .strip_prefix(&format!("{TEMPLATES_DIR}/"))
            .unwrap_or(&file.path);
        if !name.ends_with(".html") || built_in.contains(&name) {
            continue;
        }
        let quoted = [format!("\"{name}\""), format!("'{name}'")];
        let used = templates
            .iter()
            .any(|(other, text)| other != name && quoted.iter().any(|q| text.contains(q.as_str())));
        if !used {
            let pages: Vec<&str> = built_in
                .iter()
                .copied()
                .filter(|n| !n.starts_with("partials/"))
                .collect();
            warnings.push(Diagnostic::warning(
                "template.unused",
                &file.path,
                format!(
                    "`{name}` replaces no built-in template and no template uses it, so it changes nothing; the templates a site can replace are {}, and partials/*.html",
                    pages.join(", ")
                ),
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repository's `templates/` is also the example site's, where a
    /// file missing from the built-in list would still be found as a site
    /// override; this keeps the two lists the same.
    #[test]
    fn every_theme_file_is_compiled_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TEMPLATES_DIR);
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::diagnostics::display_path(e.path().strip_prefix(&root).unwrap()))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN_TEMPLATES
            .iter()
            .chain(BUILTIN_ASSETS)
            .map(|(name, _)| name.to_string())
            .collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
    }
}
