//! Translation status: which pages exist in which language, which are
//! missing, and which translations are stale because their source changed
//! after `warta translate` recorded its hash.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostics::display_path;
use crate::link::LinkedSite;
use crate::model::{LangIdx, Page, PageId};

/// The hash `translation_of` records: of the source's title and body, so
/// that a change to either makes its translations stale.
pub fn source_hash(page: &Page) -> String {
    let mut hasher = Sha256::new();
    hasher.update(page.front.title.trim().as_bytes());
    hasher.update(b"\n");
    hasher.update(page.body.trim().as_bytes());
    let digest = hasher.finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// How a translation stands against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// Not made by `warta translate`, or its source is unchanged.
    Current,
    /// The source changed since the hash was recorded.
    Stale { source: PageId },
    /// `translation_of` names a language with no version of the page.
    NoSource { lang: String },
}

/// Compares a page's `translation_of` hash with its source now.
pub fn freshness(linked: &LinkedSite, page: PageId) -> Freshness {
    let pages = &linked.site.content.pages;
    let Some(of) = &pages[page].front.translation_of else {
        return Freshness::Current;
    };
    let source = linked
        .config()
        .lang_index(&of.lang)
        .and_then(|lang| linked.translations_of(page)[lang]);
    match source {
        Some(source) if source_hash(&pages[source]) != of.hash => Freshness::Stale { source },
        Some(_) => Freshness::Current,
        None => Freshness::NoSource {
            lang: of.lang.clone(),
        },
    }
}

/// One row of a status list.
#[derive(Debug, Clone, Serialize)]
pub struct StatusItem {
    /// The page that exists (for missing ones: the original to translate).
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub section: &'static str,
}

/// The status of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageStatus {
    pub lang: String,
    /// Pages in this language.
    pub pages: usize,
    /// Of those, up to date with their source.
    pub translated: usize,
    pub missing: Vec<StatusItem>,
    pub stale: Vec<StatusItem>,
}

/// Translation status of every language, lists newest first.
pub fn status(linked: &LinkedSite) -> Vec<LanguageStatus> {
    let config = linked.config();
    let pages = &linked.site.content.pages;
    let item = |id: PageId| StatusItem {
        path: display_path(&pages[id].source),
        title: pages[id].front.title.clone(),
        date: pages[id].front.date.map(|d| d.date().to_string()),
        section: pages[id].section.dir_name(),
    };
    (0..config.languages.len())
        .map(|lang: LangIdx| {
            let mut present = 0;
            let mut missing = Vec::new();
            let mut stale = Vec::new();
            for group in &linked.groups {
                match group.pages[lang] {
                    Some(page) => {
                        present += 1;
                        if matches!(freshness(linked, page), Freshness::Stale { .. }) {
                            stale.push(page);
                        }
                    }
                    // A file that failed to load is listed with its
                    // errors, not as missing.
                    None => missing.extend(
                        group
                            .original(config.default_language)
                            .filter(|&original| !linked.failed_version(original, lang)),
                    ),
                }
            }
            let newest_first = |ids: &mut Vec<PageId>| {
                ids.sort_by(|&a, &b| {
                    (pages[b].front.date, &pages[a].source)
                        .cmp(&(pages[a].front.date, &pages[b].source))
                });
            };
            newest_first(&mut missing);
            newest_first(&mut stale);
            LanguageStatus {
                lang: config.lang_code(lang).to_string(),
                pages: present,
                translated: present - stale.len(),
                missing: missing.into_iter().map(item).collect(),
                stale: stale.into_iter().map(item).collect(),
            }
        })
        .collect()
}

/// Loads and links the site as a build would publish it, and reports,
/// with the errors of the files that could not be read (they are in no
/// count: a translator must see them).
pub fn report(
    site: &std::path::Path,
) -> Result<
    (Vec<LanguageStatus>, Vec<crate::diagnostics::Diagnostic>),
    Vec<crate::diagnostics::Diagnostic>,
> {
    let (loaded, diagnostics) = crate::load::load(site, &crate::load::LoadOptions::default());
    match loaded {
        Some(loaded) => {
            let errors = diagnostics
                .into_sorted()
                .into_iter()
                .filter(|d| d.is_error())
                .collect();
            Ok((status(&crate::link::link(loaded).0), errors))
        }
        None => Err(diagnostics.into_sorted()),
    }
}

/// The terminal table: counts per language, then what to translate and
/// what to update, newest first.
pub fn table(report: &[LanguageStatus]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>11} {:>8} {:>6}",
        "language", "pages", "translated", "missing", "stale"
    );
    for lang in report {
        let _ = writeln!(
            out,
            "{:<10} {:>6} {:>11} {:>8} {:>6}",
            lang.lang,
            lang.pages,
            lang.translated,
            lang.missing.len(),
            lang.stale.len()
        );
    }
    for lang in report {
        for (heading, items) in [("missing", &lang.missing), ("stale", &lang.stale)] {
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{heading} in {} ({}):", lang.lang, items.len());
            for item in items {
                let _ = writeln!(
                    out,
                    "  {:<10}  {:<12}  {}  ({})",
                    item.date.as_deref().unwrap_or("-"),
                    item.section,
                    item.title,
                    item.path
                );
            }
        }
    }
    out
}
