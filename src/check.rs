//! `warta check`: every problem a build would hit, plus what a translator
//! or editor should know — missing and stale translations, UI messages
//! missing in a language, terms without a name, unfinished translations.
//! Runs the pipeline up to rendering and writes nothing.

use std::path::Path;

use rayon::prelude::*;

use crate::build::{free_in_background, prepare};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::layout::LOCALES_DIR;
use crate::link::LinkedSite;
use crate::link::taxonomies::Taxonomy;
use crate::load::LoadOptions;
use crate::render::Renderer;
use crate::shown::ShownFrom;
use crate::workflow::status::{Freshness, freshness};
use crate::workflow::translate::UNFINISHED_MARKER;

/// What `check` looks at.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Missing and stale translations are errors, not warnings.
    pub strict: bool,
}

/// Checks the site in `site`; the diagnostics are sorted.
pub fn check(site: &Path, options: &CheckOptions) -> Vec<Diagnostic> {
    let (prepared, mut diagnostics) = prepare(site, &LoadOptions::default(), true, None);
    let Some(prepared) = prepared else {
        return diagnostics.into_sorted();
    };
    if let Some(theme) = &prepared.theme {
        let renderer = Renderer {
            linked: &prepared.linked,
            theme,
            locales: prepared.locales.clone(),
        };
        diagnostics.extend(renderer.problems(&prepared.plan).into_sorted());
    }
    let linked = &prepared.linked;
    let shown = ShownFrom::site(site);
    translation_problems(linked, options.strict, &shown, &mut diagnostics);
    message_problems(&prepared, &mut diagnostics);
    term_name_problems(&prepared, &mut diagnostics);
    free_in_background(prepared);
    diagnostics.into_sorted()
}

/// Pages missing in a language, stale and unfinished translations.
/// The `warta translate` commands they suggest name the file as seen
/// from the current folder, with `--site` when that is not the site.
fn translation_problems(
    linked: &LinkedSite,
    strict: bool,
    shown: &ShownFrom,
    diagnostics: &mut Diagnostics,
) {
    let config = linked.config();
    let pages = &linked.site.content.pages;
    let flag = |code: &'static str, path: &Path, message: String| {
        if strict {
            Diagnostic::error(code, path, message)
        } else {
            Diagnostic::warning(code, path, message)
        }
    };
    for group in &linked.groups {
        let Some(original) = group.original(config.default_language) else {
            continue;
        };
        for (lang, page) in group.pages.iter().enumerate() {
            if page.is_none() && !linked.failed_version(original, lang) {
                diagnostics.push(flag(
                    "translation.missing",
                    &pages[original].source,
                    format!(
                        "no `{}` translation; `warta translate{} {} --to {}` starts one",
                        config.lang_code(lang),
                        shown.site_flag(),
                        shown.file(&display_path(&pages[original].source)),
                        config.lang_code(lang)
                    ),
                ));
            }
        }
    }
    // Hashing sources and searching bodies reads the whole site: page by
    // page, in parallel.
    let per_page: Vec<Vec<Diagnostic>> = pages
        .par_iter()
        .enumerate()
        .map(|(id, page)| {
            let mut found = Vec::new();
            match freshness(linked, id) {
                Freshness::Current => {}
                Freshness::Stale { source } => found.push(flag(
                    "translation.stale",
                    &page.source,
                    format!(
                        "stale translation: `{}` changed since it was translated; update this page, then run `warta translate{} --refresh {}`",
                        shown.file(&display_path(&pages[source].source)),
                        shown.site_flag(),
                        shown.file(&display_path(&page.source))
                    ),
                )),
                Freshness::NoSource { lang } => found.push(Diagnostic::warning(
                    "translation.no-source",
                    &page.source,
                    format!(
                        "`translation_of` names `{lang}`, but this page has no `{lang}` version"
                    ),
                )),
            }
            if let Some(offset) =
                memchr::memmem::find(page.body.as_bytes(), UNFINISHED_MARKER.as_bytes())
            {
                let line = page.body_line + page.body[..offset].matches('\n').count();
                found.push(
                    Diagnostic::warning(
                        "translation.unfinished",
                        &page.source,
                        "the text below the translation marker is still the source's: translate it and remove the marker",
                    )
                    .at(line, 1),
                );
            }
            found
        })
        .collect();
    for found in per_page {
        diagnostics.extend(found);
    }
}

/// UI messages that one language has and another lacks (built-in and
/// site messages together).
fn message_problems(prepared: &crate::build::Prepared, diagnostics: &mut Diagnostics) {
    let config = prepared.linked.config();
    let default = config.lang_code(config.default_language);
    for (lang, code) in config.languages.iter().enumerate() {
        // The default language's are errors of the theme (`message_problems`).
        if lang == config.default_language {
            continue;
        }
        for key in prepared.locales.missing_in(lang) {
            diagnostics.push(Diagnostic::warning(
                "locale.missing-message",
                format!("{LOCALES_DIR}/{code}"),
                format!(
                    "message `{key}` has no `{code}` text; readers of `{code}` pages see the text of the default language, `{default}`"
                ),
            ));
        }
    }
}

/// Terms with neither a page nor a Fluent message in a language are shown
/// by their bare key. A term with no page in a language (no news there
/// under `untranslated: hide`) shows nowhere in it, and a term page that
/// failed to load has errors of its own: neither is warned about.
fn term_name_problems(prepared: &crate::build::Prepared, diagnostics: &mut Diagnostics) {
    let linked = &prepared.linked;
    let config = linked.config();
    for index in &linked.taxonomies {
        let taxonomy = index.taxonomy;
        for (t, term) in index.terms.iter().enumerate() {
            for (lang, code) in config.languages.iter().enumerate() {
                let message = format!("{}-{}", taxonomy.key(), term.key);
                if linked.term_page(taxonomy, t, lang).is_some()
                    || prepared.locales.has_own(lang, &message)
                    || !linked.term_exists(taxonomy, t, lang)
                {
                    continue;
                }
                if let Some(section) = taxonomy.section()
                    && linked.targets.failed.contains(&format!(
                        "content/{}/{}.{code}.md",
                        section.dir_name(),
                        term.key
                    ))
                {
                    continue;
                }
                let remedy = match taxonomy.section() {
                    Some(section) => format!(
                        "add content/{}/{}.{code}.md (in the site folder) or the Fluent message `{message}`",
                        section.dir_name(),
                        term.key
                    ),
                    None => format!(
                        "add the Fluent message `{message}` to {LOCALES_DIR}/{code}/ in the site folder"
                    ),
                };
                let path = match taxonomy {
                    Taxonomy::Tag => format!("{LOCALES_DIR}/{code}"),
                    _ => format!(
                        "content/{}",
                        taxonomy.section().map(|s| s.dir_name()).unwrap_or_default()
                    ),
                };
                diagnostics.push(Diagnostic::warning(
                    "term.no-name",
                    path,
                    format!(
                        "{} `{}` has no name in `{code}` and shows as its key: {remedy}",
                        taxonomy.key(),
                        term.key
                    ),
                ));
            }
        }
    }
}
