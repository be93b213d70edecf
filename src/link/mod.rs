//! Stage 2 of the build: **link**. Pairs translations, orders the lists,
//! decides every URL, and builds the tables that resolve links between
//! content files. Pure functions over the loaded content: no I/O. What is
//! written where, and whether paths collide, is the plan's (`plan`).

pub mod images;
pub mod pagination;
pub mod paths;
pub mod resolve;
pub mod sitemap;
pub mod taxonomies;
pub mod translations;
pub mod urls;

use std::ops::Range;

use rayon::prelude::*;

use crate::config::{SiteConfig, Untranslated};
use crate::diagnostics::{Diagnostic, display_path};
use crate::load::LoadedSite;
use crate::model::{LangIdx, PageId, Section};
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
    /// The site's photos (`site.photos`) by the output path of their
    /// original: where an image's resolved `src` finds its versions.
    pub photo_at: crate::maps::HashMap<String, usize>,
}

impl LinkedSite {
    /// The photo an image's resolved `src` shows, when it is one of the
    /// site's (`/files/news/foto.jpg`, `/images/foto.jpg`, under the
    /// `base_url`'s path).
    pub fn photo(&self, src: &str) -> Option<&crate::load::photos::SitePhoto> {
        self.site.photos.get(self.photo_index(src)?)
    }

    /// Where in `site.photos` the photo `src` shows is (see `photo`).
    pub fn photo_index(&self, src: &str) -> Option<usize> {
        let path = src.strip_prefix(self.config().base_path())?;
        let path = paths::percent_decode(path.strip_prefix('/')?);
        self.photo_at.get(path.as_ref()).copied()
    }

    /// The photo a page's lead image shows, when it is one of the site's.
    pub fn lead_photo(&self, page: PageId) -> Option<usize> {
        let page = &self.site.content.pages[page];
        let image = page.front.image.as_ref()?;
        match self.resolve_link(&page.source, image) {
            Ok(resolve::Resolved::Internal(href)) => self.photo_index(&href),
            _ => None,
        }
    }

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
        pagination::page_count(items, self.config().paginate)
    }

    /// Which rows (newest first) page `number` of a list of `items` rows
    /// shows.
    pub fn page_rows(&self, items: usize, number: usize) -> Range<usize> {
        pagination::page_rows(items, self.config().paginate, number)
    }

    pub fn taxonomy(&self, taxonomy: Taxonomy) -> &TermIndex {
        &self.taxonomies[taxonomy as usize]
    }

    /// The page an event's date and place come from in `lang`: its own
    /// there, or else its page in the default language.
    pub fn event_page(&self, term: usize, lang: LangIdx) -> Option<PageId> {
        self.term_page(Taxonomy::Event, term, lang).or_else(|| {
            let group = self.taxonomy(Taxonomy::Event).terms[term].group?;
            self.groups[group].original(self.config().default_language)
        })
    }

    /// The page of a term in `lang`, if the term has one there.
    pub fn term_page(&self, taxonomy: Taxonomy, term: usize, lang: LangIdx) -> Option<PageId> {
        let group = self.taxonomy(taxonomy).terms[term].group?;
        self.groups[group].pages[lang]
    }

    /// Resolves a link `dest` written in the file `from` against this
    /// site: the one way render, the plan's fingerprints and `check` read
    /// a link.
    pub fn resolve_link(
        &self,
        from: &std::path::Path,
        dest: &str,
    ) -> Result<resolve::Resolved, String> {
        let pages = &self.site.content.pages;
        self.targets
            .resolve(self.config(), from, dest, |id| resolve::PageTarget {
                url: &self.urls[id],
                ids: resolve::Ids::Of(&pages[id]),
            })
    }

    /// Whether `lang`'s version of page `id` is a file that failed to
    /// load (the same name with the other language's code): it is not
    /// missing, and its own errors say what to fix.
    pub fn failed_version(&self, id: PageId, lang: LangIdx) -> bool {
        let page = &self.site.content.pages[id];
        let shown = crate::diagnostics::display_path(&page.source);
        let from = format!(".{}.md", self.config().lang_code(page.lang));
        shown.strip_suffix(&from).is_some_and(|stem| {
            let to = format!("{stem}.{}.md", self.config().lang_code(lang));
            self.targets.failed.contains(&to)
        })
    }

    /// The URL of a term page.
    /// Whether the term has a page in `lang`: a page of its own there, or
    /// news listed there. (With `untranslated: hide`, a tag of only
    /// Indonesian news has no English page.)
    pub fn term_exists(&self, taxonomy: Taxonomy, term: usize, lang: LangIdx) -> bool {
        self.term_page(taxonomy, term, lang).is_some()
            || !self.taxonomy(taxonomy).terms[term].entries[lang].is_empty()
    }

    pub fn term_url(&self, taxonomy: Taxonomy, key: &str, lang: LangIdx) -> String {
        urls::term(self.config(), lang, taxonomy.segment(), key)
    }
}

/// Links a loaded site. Problems (duplicate translations)
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
                failed: site
                    .content
                    .failed
                    .iter()
                    .map(|f| display_path(f))
                    .collect(),
                outputs: None,
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

    problems.extend(taxonomies::key_problems(pages, &groups));
    let taxonomies = Taxonomy::ALL
        .into_par_iter()
        .map(|t| taxonomies::index(t, pages, &groups, &news))
        .collect();
    let years = taxonomies::years(pages, &news);
    let photo_at = site
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| (photo.output.clone(), i))
        .collect();

    let linked = LinkedSite {
        photo_at,
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
