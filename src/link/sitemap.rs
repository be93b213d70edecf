//! The URLs of the sitemap, and how many files hold them. The sitemap
//! protocol allows 50,000 URLs in one file; a site with more (a ministry's
//! archive of 25,000 bilingual stories has) gets a sitemap index at
//! `/sitemap.xml` naming files of at most that many, `sitemap-1.xml`, ….
//! Paginated pages after the first are left out: they are reached from
//! the first.

use super::taxonomies::Taxonomy;
use super::{LinkedSite, ListEntry, urls};
use crate::model::{LangIdx, PubDate, Segment};

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const URLS_PER_FILE: usize = 50_000;

/// One `<url>`: the page, its alternates (hreflang → path), `lastmod`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    pub path: String,
    pub alternates: Vec<(String, String)>,
    pub lastmod: Option<PubDate>,
}

/// The files of the sitemap, for `count` URLs at most `per_file` each: 1
/// (a `sitemap.xml` of URLs) or more (`sitemap-1.xml`, …, and an index).
pub fn files(count: usize, per_file: usize) -> usize {
    count.div_ceil(per_file.max(1)).max(1)
}

/// The URLs of file `slice` of `files`, as positions in `urls`: the
/// URLs cut into `files` runs of equal length (the last one shorter), none
/// longer than the `per_file` that gave `files`.
pub fn slice(count: usize, slice: usize, files: usize) -> std::ops::Range<usize> {
    let per = count.div_ceil(files.max(1));
    let start = (slice * per).min(count);
    start..(start + per).min(count)
}

/// The output path of file `slice` of `files`.
pub fn file_path(slice: usize, files: usize) -> String {
    if files <= 1 {
        "sitemap.xml".to_string()
    } else {
        format!("sitemap-{}.xml", slice + 1)
    }
}

/// How many URLs `urls(linked)` gives, without making them.
pub fn url_count(linked: &LinkedSite) -> usize {
    let config = linked.config();
    let pages = &linked.site.content.pages;
    let mut count = 1;
    for lang in 0..config.languages.len() {
        count += 2 + linked.years[lang].len();
        for index in &linked.taxonomies {
            count += 1
                + (0..index.terms.len())
                    .filter(|&t| linked.term_exists(index.taxonomy, t, lang))
                    .count();
        }
    }
    count
        + pages
            .iter()
            .filter(|page| Taxonomy::of_section(page.section).is_none())
            .count()
}

/// Every URL of the sitemap, in the order the files list them: the root,
/// then each language's home, lists, archives and terms, then the pages.
pub fn urls(linked: &LinkedSite) -> Vec<SitemapUrl> {
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
    // One alternate for each language the page exists in, and the
    // default language's as x-default when it is one of them.
    let alternates_where = |exists: &dyn Fn(LangIdx) -> bool,
                            path_in: &dyn Fn(LangIdx) -> String|
     -> Vec<(String, String)> {
        let mut alternates: Vec<(String, String)> = (0..languages)
            .filter(|&l| exists(l))
            .map(|l| (code(l), path_in(l)))
            .collect();
        if exists(config.default_language) {
            alternates.push(("x-default".to_string(), path_in(config.default_language)));
        }
        alternates
    };
    let everywhere = |path_in: &dyn Fn(LangIdx) -> String| alternates_where(&|_| true, path_in);
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
            out.push(SitemapUrl {
                path: year_path(lang),
                alternates: alternates_where(&has_year, &year_path),
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
                out.push(SitemapUrl {
                    path: term_url(lang),
                    alternates: alternates_where(&exists, &term_url),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_hold_at_most_their_share() {
        assert_eq!(files(0, 50_000), 1);
        assert_eq!(files(50_000, 50_000), 1);
        assert_eq!(files(50_001, 50_000), 2);
        assert_eq!(files(100_001, 50_000), 3);
        for (count, per) in [(7, 3), (10, 5), (50_001, 50_000), (100_001, 50_000), (1, 1)] {
            let n = files(count, per);
            let ranges: Vec<_> = (0..n).map(|i| slice(count, i, n)).collect();
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(count));
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            assert!(ranges.iter().all(|r| r.len() <= per && !r.is_empty()));
        }
    }

    /// The plan counts the URLs to decide the files; render makes them.
    #[test]
    fn the_count_is_the_number_of_urls() {
        for fixture in ["bilingual", "indexes"] {
            for drafts in [false, true] {
                let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures")
                    .join(fixture);
                let options = crate::load::LoadOptions {
                    drafts,
                    base_url: Some("https://example.org/".to_string()),
                    ..Default::default()
                };
                let (Some(loaded), _) = crate::load::load(&dir, &options) else {
                    panic!("{fixture} does not load");
                };
                let (linked, _) = crate::link::link(loaded);
                assert!(url_count(&linked) > 10, "{fixture}");
                assert_eq!(url_count(&linked), urls(&linked).len(), "{fixture}");
            }
        }
    }

    #[test]
    fn file_names() {
        assert_eq!(file_path(0, 1), "sitemap.xml");
        assert_eq!(file_path(0, 3), "sitemap-1.xml");
        assert_eq!(file_path(2, 3), "sitemap-3.xml");
    }
}
