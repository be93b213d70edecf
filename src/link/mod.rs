//! Stage 2 of the build: **link**. Pairs translations, orders the lists,
//! decides every URL and checks that no two outputs collide, and builds
//! the tables that resolve links between content files. Pure functions
//! over the loaded content: no I/O.

pub mod resolve;
pub mod taxonomies;
pub mod translations;
pub mod urls;

use rayon::prelude::*;

use crate::config::{SiteConfig, Untranslated};
use crate::diagnostics::{Diagnostic, display_path};
use crate::load::LoadedSite;
use crate::model::{LangIdx, Page, PageId, Section, Segment};
use resolve::LinkTargets;
use taxonomies::{Taxonomy, TermIndex};
use translations::TranslationGroup;

/// One row of a list in some language. `foreign` rows are pages with no
/// translation in the list's language, shown because of
/// `untranslated: list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListEntry {
    pub page: PageId,
    pub foreign: bool,
}

/// The loaded site with everything derived from it.
#[derive(Debug)]
pub struct LinkedSite {
    pub site: LoadedSite,
    pub groups: Vec<TranslationGroup>,
    /// `group_of[page]`: index into `groups`.
    pub group_of: Vec<usize>,
    /// `urls[page]`: the page's URL path.
    pub urls: Vec<String>,
    pub targets: LinkTargets,
    /// `news[lang]`: the news list of each language, newest first.
    pub news: Vec<Vec<ListEntry>>,
    /// `menus[lang]`: pages with `menu`, lowest first.
    pub menus: Vec<Vec<PageId>>,
    /// One index per taxonomy, in `Taxonomy::ALL` order.
    pub taxonomies: Vec<TermIndex>,
    /// `years[lang]`: the news archive by year, newest year first.
    pub years: Vec<Vec<(i16, Vec<ListEntry>)>>,
}

impl LinkedSite {
    pub fn config(&self) -> &SiteConfig {
        &self.site.config
    }

    /// The translations of a page: `[lang] -> page`.
    pub fn translations_of(&self, page: PageId) -> &[Option<PageId>] {
        &self.groups[self.group_of[page]].pages
    }

    /// Number of pages of the news list of `lang`.
    pub fn news_pages(&self, lang: LangIdx) -> usize {
        self.page_count(self.news[lang].len())
    }

    /// Number of list pages for `items` rows (at least one, even empty).
    pub fn page_count(&self, items: usize) -> usize {
        items.div_ceil(self.config().paginate).max(1)
    }

    pub fn taxonomy(&self, taxonomy: Taxonomy) -> &TermIndex {
        &self.taxonomies[taxonomy as usize]
    }

    /// The page of a term in `lang`, if the term has one there.
    pub fn term_page(&self, taxonomy: Taxonomy, term: usize, lang: LangIdx) -> Option<PageId> {
        let group = self.taxonomy(taxonomy).terms[term].group?;
        self.groups[group].pages[lang]
    }

    /// The URL of a term page.
    pub fn term_url(&self, taxonomy: Taxonomy, key: &str, lang: LangIdx) -> String {
        urls::term(self.config(), lang, taxonomy.segment(), key)
    }
}

/// True when linking gives the same result with `after` in place of
/// `before`: this compares exactly what `link` reads of a page, so an edit
/// of the body, title, summary, place or credits needs no relinking
/// (`serve` then re-renders without running this stage). Keep it in step
/// with `link` and the functions it calls.
pub fn links_alike(before: &Page, after: &Page) -> bool {
    let (a, b) = (&before.front, &after.front);
    before.source == after.source
        && before.section == after.section
        && before.lang == after.lang
        && before.translation_key == after.translation_key
        && before.slug == after.slug
        && a.date == b.date
        && a.directorate == b.directorate
        && a.event == b.event
        && a.programs == b.programs
        && a.tags == b.tags
        && a.menu == b.menu
        // The menu is ordered by title.
        && (a.menu.is_none() || a.title == b.title)
}

/// Links a loaded site. Problems (duplicate translations, colliding URLs)
/// are returned beside it; the site is usable for reporting either way.
pub fn link(site: LoadedSite) -> (LinkedSite, Vec<Diagnostic>) {
    let config = &site.config;
    let pages = &site.content.pages;
    // The parts that only read the pages run side by side: at 10,000
    // stories this stage is the one serial gap between load and render.
    let ((groups, group_of, mut problems), (urls, targets)) = rayon::join(
        || translations::pair(config, pages),
        || {
            let urls: Vec<String> = pages.par_iter().map(|p| urls::page(config, p)).collect();
            let targets = LinkTargets {
                pages: pages
                    .par_iter()
                    .enumerate()
                    .map(|(id, page)| (display_path(&page.source), id))
                    .collect(),
                assets: site
                    .content
                    .assets
                    .iter()
                    .map(|asset| {
                        (
                            display_path(&asset.source),
                            urls::content_asset(&asset.content_path),
                        )
                    })
                    .collect(),
            };
            (urls, targets)
        },
    );

    let news: Vec<Vec<ListEntry>> = (0..config.languages.len())
        .into_par_iter()
        .map(|lang| news_list(config, pages, &groups, lang))
        .collect();
    let menus = (0..config.languages.len())
        .map(|lang| {
            let mut menu: Vec<PageId> = (0..pages.len())
                .filter(|&id| pages[id].lang == lang && pages[id].front.menu.is_some())
                .collect();
            menu.sort_by(|&a, &b| {
                (pages[a].front.menu, &pages[a].front.title)
                    .cmp(&(pages[b].front.menu, &pages[b].front.title))
            });
            menu
        })
        .collect();

    let taxonomies = Taxonomy::ALL
        .into_par_iter()
        .map(|t| taxonomies::index(t, pages, &groups, &news))
        .collect();
    let years = taxonomies::years(pages, &news);

    let linked = LinkedSite {
        groups,
        group_of,
        urls,
        targets,
        news,
        menus,
        taxonomies,
        years,
        site,
    };
    problems.extend(check_url_collisions(&linked));
    (linked, problems)
}

/// The news of one language, newest first; with `untranslated: list`, news
/// that has no version in this language is listed in its original.
fn news_list(
    config: &SiteConfig,
    pages: &[crate::model::Page],
    groups: &[TranslationGroup],
    lang: LangIdx,
) -> Vec<ListEntry> {
    let mut entries: Vec<ListEntry> = groups
        .iter()
        .filter(|g| g.section == Section::News)
        .filter_map(|g| match g.pages[lang] {
            Some(page) => Some(ListEntry {
                page,
                foreign: false,
            }),
            None if config.untranslated == Untranslated::List => {
                g.original(config.default_language).map(|page| ListEntry {
                    page,
                    foreign: true,
                })
            }
            None => None,
        })
        .collect();
    entries.sort_by(|a, b| {
        let (pa, pb) = (&pages[a.page], &pages[b.page]);
        pb.front
            .date
            .cmp(&pa.front.date)
            .then_with(|| pa.translation_key.cmp(&pb.translation_key))
    });
    entries
}

/// Every generated URL, with what generates it, so that a page whose slug
/// lands on another page's URL is an error naming both.
pub fn generated_urls(linked: &LinkedSite) -> Vec<(String, String)> {
    let config = linked.config();
    let mut out = vec![("/".to_string(), "the language chooser".to_string())];
    let pages = &linked.site.content.pages;
    for lang in 0..config.languages.len() {
        let code = config.lang_code(lang);
        out.push((urls::home(config, lang), format!("the `{code}` home page")));
        out.push((
            urls::segment_index(config, lang, Segment::Search),
            format!("the `{code}` search page"),
        ));
        let news_list = urls::segment_index(config, lang, Segment::News);
        for number in 1..=linked.news_pages(lang) {
            out.push((
                urls::paginated(&news_list, number),
                format!("the `{code}` news list"),
            ));
        }
        for (year, entries) in &linked.years[lang] {
            let first = format!("{news_list}{year}/");
            for number in 1..=linked.page_count(entries.len()) {
                out.push((
                    urls::paginated(&first, number),
                    format!("the `{code}` news archive of {year}"),
                ));
            }
        }
        for index in &linked.taxonomies {
            let taxonomy = index.taxonomy;
            out.push((
                urls::segment_index(config, lang, taxonomy.segment()),
                format!("the `{code}` index of {}", taxonomy.segment().key()),
            ));
            for (t, term) in index.terms.iter().enumerate() {
                let owner = match linked.term_page(taxonomy, t, lang) {
                    Some(page) => display_path(&pages[page].source),
                    None => format!("the `{code}` {} page `{}`", taxonomy.key(), term.key),
                };
                let first = linked.term_url(taxonomy, &term.key, lang);
                for number in 1..=linked.page_count(term.entries[lang].len()) {
                    out.push((urls::paginated(&first, number), owner.clone()));
                }
            }
        }
    }
    // Term pages were listed with their terms.
    for (id, page) in pages.iter().enumerate() {
        if Taxonomy::of_section(page.section).is_none() {
            out.push((linked.urls[id].clone(), display_path(&page.source)));
        }
    }
    out
}

fn check_url_collisions(linked: &LinkedSite) -> Vec<Diagnostic> {
    let mut generated = generated_urls(linked);
    // A stable sort keeps equal URLs in the order they were generated, so
    // the first owner of a URL is named as the one it collides with.
    generated.par_sort_by(|a, b| a.0.cmp(&b.0));
    let mut problems = Vec::new();
    for same_url in generated.chunk_by(|a, b| a.0 == b.0) {
        let (url, first) = &same_url[0];
        for (_, owner) in &same_url[1..] {
            let path = if owner.starts_with("content/") {
                owner
            } else {
                first
            };
            problems.push(Diagnostic::error(
                "output.duplicate-url",
                path,
                format!(
                    "{first} and {owner} would both be written to {url}; change a `slug` or a file name"
                ),
            ));
        }
    }
    problems
}
