//! `/sitemap.xml` with every page and its translations as `xhtml:link`
//! alternates, and `/robots.txt` naming it. Written only when the site
//! has a `base_url` (a sitemap holds absolute URLs). Paginated pages
//! after the first are left out: they are reached from the first.

use std::fmt::Write;

use super::pages::{Generated, Shared};
use super::xml::escape;
use crate::i18n::dates;
use crate::link::taxonomies::Taxonomy;
use crate::link::{ListEntry, urls};
use crate::model::{LangIdx, PubDate, Segment};

/// One `<url>`: the page, its alternates (hreflang → path), `lastmod`.
struct SitemapUrl {
    path: String,
    alternates: Vec<(String, String)>,
    lastmod: Option<PubDate>,
}

impl Shared<'_> {
    /// The sitemap.
    pub fn sitemap(&self) -> Generated {
        let linked = self.linked();
        let config = linked.config();
        let absolute = |p: &str| urls::absolute(config, p).unwrap_or_else(|| p.to_string());
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for url in self.sitemap_urls() {
            let _ = write!(xml, "<url><loc>{}</loc>", escape(&absolute(&url.path)));
            if let Some(date) = url.lastmod {
                let _ = write!(xml, "<lastmod>{}</lastmod>", lastmod(date));
            }
            for (hreflang, path) in &url.alternates {
                let _ = write!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(hreflang),
                    escape(&absolute(path))
                );
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        ("sitemap.xml".to_string(), xml)
    }

    /// `/robots.txt`: everything may be crawled; here is the sitemap.
    pub fn robots(&self) -> Generated {
        let config = self.linked().config();
        let sitemap = urls::absolute(config, "/sitemap.xml").unwrap_or_default();
        (
            "robots.txt".to_string(),
            format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"),
        )
    }

    fn sitemap_urls(&self) -> Vec<SitemapUrl> {
        let linked = self.linked();
        let config = linked.config();
        let pages = &linked.site.content.pages;
        let languages = config.languages.len();
        let code = |lang: LangIdx| config.lang_code(lang).to_string();
        let changed = |entries: &[ListEntry]| {
            entries
                .iter()
                .filter_map(|e| pages[e.page].front.updated.or(pages[e.page].front.date))
                .max()
        };
        // A page that exists in every language: one alternate each, and
        // the default language's as x-default.
        let everywhere = |path_in: &dyn Fn(LangIdx) -> String| -> Vec<(String, String)> {
            let mut alternates: Vec<(String, String)> =
                (0..languages).map(|l| (code(l), path_in(l))).collect();
            alternates.push(("x-default".to_string(), path_in(config.default_language)));
            alternates
        };
        let mut out = Vec::new();

        let homes = |l: LangIdx| urls::home(config, l);
        let mut root_alternates: Vec<(String, String)> =
            (0..languages).map(|l| (code(l), homes(l))).collect();
        root_alternates.push(("x-default".to_string(), "/".to_string()));
        out.push(SitemapUrl {
            path: "/".to_string(),
            alternates: root_alternates.clone(),
            lastmod: changed(&linked.news[config.default_language]),
        });
        for lang in 0..languages {
            out.push(SitemapUrl {
                path: homes(lang),
                alternates: root_alternates.clone(),
                lastmod: changed(&linked.news[lang]),
            });
            let news = |l: LangIdx| urls::segment_index(config, l, Segment::News);
            out.push(SitemapUrl {
                path: news(lang),
                alternates: everywhere(&news),
                lastmod: changed(&linked.news[lang]),
            });
            for (year, entries) in &linked.years[lang] {
                let year_path = |l: LangIdx| format!("{}{year}/", news(l));
                let has_year = |l: LangIdx| linked.years[l].iter().any(|(y, _)| y == year);
                let mut alternates: Vec<(String, String)> = (0..languages)
                    .filter(|&l| has_year(l))
                    .map(|l| (code(l), year_path(l)))
                    .collect();
                if has_year(config.default_language) {
                    alternates.push(("x-default".to_string(), year_path(config.default_language)));
                }
                out.push(SitemapUrl {
                    path: year_path(lang),
                    alternates,
                    lastmod: changed(entries),
                });
            }
            for index in &linked.taxonomies {
                let taxonomy = index.taxonomy;
                let segment = |l: LangIdx| urls::segment_index(config, l, taxonomy.segment());
                out.push(SitemapUrl {
                    path: segment(lang),
                    alternates: everywhere(&segment),
                    lastmod: None,
                });
                for (t, term) in index.terms.iter().enumerate() {
                    if !linked.term_exists(taxonomy, t, lang) {
                        continue;
                    }
                    let term_url = |l: LangIdx| linked.term_url(taxonomy, &term.key, l);
                    let own = linked
                        .term_page(taxonomy, t, lang)
                        .and_then(|p| pages[p].front.updated.or(pages[p].front.date));
                    let lastmod = [own, changed(&term.entries[lang])]
                        .into_iter()
                        .flatten()
                        .max();
                    // Only where the term has a page.
                    let exists = |l: LangIdx| linked.term_exists(taxonomy, t, l);
                    let mut alternates: Vec<(String, String)> = (0..languages)
                        .filter(|&l| exists(l))
                        .map(|l| (code(l), term_url(l)))
                        .collect();
                    if exists(config.default_language) {
                        alternates
                            .push(("x-default".to_string(), term_url(config.default_language)));
                    }
                    out.push(SitemapUrl {
                        path: term_url(lang),
                        alternates,
                        lastmod,
                    });
                }
            }
        }
        for (id, page) in pages.iter().enumerate() {
            if Taxonomy::of_section(page.section).is_some() {
                continue;
            }
            let translations = linked.translations_of(id);
            let mut alternates: Vec<(String, String)> = translations
                .iter()
                .enumerate()
                .filter_map(|(l, p)| p.map(|p| (code(l), linked.urls[p].clone())))
                .collect();
            if let Some(default) = translations[config.default_language] {
                alternates.push(("x-default".to_string(), linked.urls[default].clone()));
            }
            out.push(SitemapUrl {
                path: linked.urls[id].clone(),
                alternates,
                lastmod: page.front.updated.or(page.front.date),
            });
        }
        out
    }
}

/// A plain date stays a date (`2020-07-15`); a time keeps its offset.
fn lastmod(date: PubDate) -> String {
    if date.offset_seconds.is_none() && date.local.time() == jiff::civil::Time::midnight() {
        dates::iso_date(date.date())
    } else {
        dates::rfc3339(date)
    }
}
