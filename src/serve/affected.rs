//! Which output files an edit of content files touches: the edited pages,
//! their translations' switchers, and the list pages, term pages, feeds
//! and sitemap they appear in — decided by comparing the linked site
//! before and after the edit, so that nothing else is rendered again.

use std::collections::{BTreeMap, BTreeSet};

use crate::link::taxonomies::{Taxonomy, TermIndex};
use crate::link::{LinkedSite, ListEntry};
use crate::model::{Page, PageId};
use crate::render::Job;

/// What the linked site looked like before the edit, in old page ids.
pub struct Before {
    pub news: Vec<Vec<ListEntry>>,
    pub years: Vec<Vec<(i16, Vec<ListEntry>)>>,
    pub taxonomies: Vec<TermIndex>,
    /// `translations[page]`: the old ids of its group's pages.
    pub translations: Vec<Vec<Option<PageId>>>,
}

impl Before {
    /// Takes the derived lists out of a linked site that is about to be
    /// relinked (they are rebuilt by `link`).
    pub fn take(linked: &mut LinkedSite) -> Before {
        let translations = (0..linked.site.content.pages.len())
            .map(|id| linked.translations_of(id).to_vec())
            .collect();
        Before {
            news: std::mem::take(&mut linked.news),
            years: std::mem::take(&mut linked.years),
            taxonomies: std::mem::take(&mut linked.taxonomies),
            translations,
        }
    }

    /// A copy of the derived lists of a site that will not be relinked
    /// (the edit changed nothing `link` reads).
    pub fn copy(linked: &LinkedSite) -> Before {
        Before {
            news: linked.news.clone(),
            years: linked.years.clone(),
            taxonomies: linked.taxonomies.clone(),
            translations: (0..linked.site.content.pages.len())
                .map(|id| linked.translations_of(id).to_vec())
                .collect(),
        }
    }
}

/// One edited content file: its old id and page (if it existed) and its
/// new id (if it still exists).
pub struct Edit {
    pub before: Option<(PageId, Page)>,
    pub after: Option<PageId>,
}

/// What to render again.
#[derive(Debug, PartialEq, Eq)]
pub enum Affected {
    /// Everything: the edit changed something every page shows (a term's
    /// name, the menu).
    All,
    Jobs(BTreeSet<Job>),
}

/// The jobs that an edit touches. `new_id[old]` maps old page ids to new
/// ones (`None` for removed pages).
pub fn affected(
    before: &Before,
    after: &LinkedSite,
    edits: &[Edit],
    new_id: &[Option<PageId>],
) -> Affected {
    let pages = &after.site.content.pages;
    let config = after.config();
    let mut jobs = BTreeSet::new();
    // A change to anything a list, a switcher or a term link shows, as
    // opposed to the body alone.
    let mut listed_change = false;
    let mut changed: BTreeSet<PageId> = BTreeSet::new();
    for edit in edits {
        let new_page = edit.after.map(|id| &pages[id]);
        let old_page = edit.before.as_ref().map(|(_, page)| page);
        let shown_changed = match (old_page, new_page) {
            (Some(old), Some(new)) => shows_differently(old, new),
            _ => true,
        };
        let is_term_page = [old_page, new_page]
            .into_iter()
            .flatten()
            .any(|p| Taxonomy::of_section(p.section).is_some());
        // Term names and the menu appear on every page.
        if is_term_page && shown_changed {
            return Affected::All;
        }
        if [old_page, new_page]
            .into_iter()
            .flatten()
            .any(|p| p.front.menu.is_some())
            && shown_changed
        {
            return Affected::All;
        }
        listed_change |= shown_changed;
        if let Some(id) = edit.after {
            changed.insert(id);
            jobs.extend(page_jobs(after, id));
            if shown_changed {
                // Translations show this page in their switcher.
                for other in after.translations_of(id).iter().flatten() {
                    jobs.extend(page_jobs(after, *other));
                }
            }
        }
        if let Some((old_id, _)) = &edit.before
            && shown_changed
        {
            // Former translations, whose switchers showed this page.
            let former = before
                .translations
                .get(*old_id)
                .into_iter()
                .flatten()
                .flatten();
            for other in former.filter_map(|&o| new_id.get(o).copied().flatten()) {
                jobs.extend(page_jobs(after, other));
            }
        }
    }

    let languages = config.languages.len();
    let per_page = config.paginate;
    let lists = ListDiff {
        new_id,
        changed: &changed,
        listed_change,
        per_page,
    };
    for lang in 0..languages {
        // The news list and its archive by year.
        let first = |number| Job::NewsList { lang, number };
        lists.jobs(&before.news[lang], &after.news[lang], &mut jobs, &first);
        let old_years: BTreeMap<i16, &Vec<ListEntry>> =
            before.years[lang].iter().map(|(y, e)| (*y, e)).collect();
        for (year_index, (year, entries)) in after.years[lang].iter().enumerate() {
            let old = old_years.get(year).map_or(&[][..], |e| e.as_slice());
            let job = |number| Job::YearArchive {
                lang,
                year: year_index,
                number,
            };
            lists.jobs(old, entries, &mut jobs, &job);
        }
        // Term pages.
        for index in &after.taxonomies {
            let taxonomy = index.taxonomy;
            let old_index = before.taxonomies.iter().find(|t| t.taxonomy == taxonomy);
            for (term, t) in index.terms.iter().enumerate() {
                let old = old_index
                    .and_then(|o| o.find(&t.key).map(|i| &o.terms[i].entries[lang]))
                    .map_or(&[][..], |e| e.as_slice());
                let job = |number| Job::TermPage {
                    taxonomy,
                    term,
                    lang,
                    number,
                };
                lists.jobs(old, &t.entries[lang], &mut jobs, &job);
            }
        }
        if listed_change {
            // Counts, latest news and the indexes: a handful of pages.
            jobs.insert(Job::Home(lang));
            for taxonomy in Taxonomy::ALL {
                jobs.insert(Job::TaxonomyIndex { taxonomy, lang });
            }
        }
    }

    if config.base_url.is_some() {
        let in_feed = |entries: &[ListEntry]| {
            entries
                .iter()
                .filter(|e| !e.foreign)
                .take(config.feed_entries)
                .any(|e| changed.contains(&e.page))
        };
        for lang in 0..languages {
            if listed_change || in_feed(&after.news[lang]) {
                jobs.insert(Job::LanguageFeed(lang));
            }
            for (term, t) in after
                .taxonomy(Taxonomy::Directorate)
                .terms
                .iter()
                .enumerate()
            {
                if listed_change || in_feed(&t.entries[lang]) {
                    jobs.insert(Job::DirectorateFeed { term, lang });
                }
            }
        }
        if listed_change {
            jobs.insert(Job::Sitemap);
        }
    }
    Affected::Jobs(jobs)
}

/// Does the reader see the page differently anywhere but in its own body?
fn shows_differently(old: &Page, new: &Page) -> bool {
    old.front != new.front
        || old.summary != new.summary
        || old.slug != new.slug
        || old.translation_key != new.translation_key
        || old.lang != new.lang
}

/// The jobs that render a page: its own, or its term page's first page.
fn page_jobs(linked: &LinkedSite, id: PageId) -> Vec<Job> {
    let page = &linked.site.content.pages[id];
    match Taxonomy::of_section(page.section) {
        None => vec![Job::Page(id)],
        Some(taxonomy) => linked
            .taxonomy(taxonomy)
            .find(&page.translation_key)
            .map(|term| Job::TermPage {
                taxonomy,
                term,
                lang: page.lang,
                number: 1,
            })
            .into_iter()
            .collect(),
    }
}

/// What every list of the site is compared with: the id map, the edited
/// pages, and whether what lists show of them changed.
struct ListDiff<'a> {
    new_id: &'a [Option<PageId>],
    changed: &'a BTreeSet<PageId>,
    listed_change: bool,
    per_page: usize,
}

impl ListDiff<'_> {
    /// The pages of one paginated list that change: all of them when its
    /// length changed; else those whose rows differ, and those showing a
    /// page whose listed details changed.
    fn jobs(
        &self,
        old: &[ListEntry],
        new: &[ListEntry],
        jobs: &mut BTreeSet<Job>,
        job: &dyn Fn(usize) -> Job,
    ) {
        let pages = new.len().div_ceil(self.per_page).max(1);
        if old.len() != new.len() {
            jobs.extend((1..=pages).map(job));
            return;
        }
        for (i, entry) in new.iter().enumerate() {
            let old_entry = old[i];
            let same_row = self.new_id.get(old_entry.page).copied().flatten() == Some(entry.page)
                && old_entry.foreign == entry.foreign;
            if !same_row || (self.listed_change && self.changed.contains(&entry.page)) {
                jobs.insert(job(i / self.per_page + 1));
            }
        }
    }
}
