//! Paginated lists of news: the news list and its archive by year, the
//! term pages of directorates, events, programs and tags, and each
//! taxonomy's index of terms.

use super::pages::{Rendered, Shared};
use super::views::*;
use crate::diagnostics::Diagnostic;
use crate::i18n::dates;
use crate::link::taxonomies::Taxonomy;
use crate::link::{ListEntry, urls};
use crate::model::{LangIdx, Segment};

/// Which page of which list.
struct Paging<'a> {
    lang: LangIdx,
    entries: &'a [ListEntry],
    number: usize,
    /// URL of the list's first page in a language.
    first: &'a dyn Fn(LangIdx) -> String,
    /// Number of pages of the same list in a language.
    pages_in: &'a dyn Fn(LangIdx) -> usize,
}

impl Shared<'_> {
    /// The rows of one page, the pagination view, this page's URL, and the
    /// URL of the same page in every language (page 1 where the list is
    /// shorter there).
    fn paginate(
        &self,
        paging: &Paging,
    ) -> (
        Vec<SummaryView>,
        PaginationView,
        String,
        Vec<Option<String>>,
    ) {
        let rows = self.linked().page_rows(paging.entries.len(), paging.number);
        let items = paging.entries[rows]
            .iter()
            .map(|&e| self.summary(paging.lang, e))
            .collect();
        let total = (paging.pages_in)(paging.lang);
        let first = (paging.first)(paging.lang);
        let pagination = PaginationView {
            current: paging.number,
            total,
            previous: (paging.number > 1)
                .then(|| self.href(&urls::paginated(&first, paging.number - 1))),
            next: (paging.number < total)
                .then(|| self.href(&urls::paginated(&first, paging.number + 1))),
        };
        let languages = self.linked().config().languages.len();
        let versions = (0..languages)
            .map(|other| {
                let number = if paging.number <= (paging.pages_in)(other) {
                    paging.number
                } else {
                    1
                };
                Some(urls::paginated(&(paging.first)(other), number))
            })
            .collect();
        (
            items,
            pagination,
            urls::paginated(&first, paging.number),
            versions,
        )
    }

    /// `Title (page 2)` for pages after the first.
    fn numbered(&self, lang: LangIdx, title: &str, number: usize) -> String {
        if number <= 1 {
            return title.to_string();
        }
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("title", title.to_string());
        args.set("page", number);
        self.renderer
            .locales
            .format(lang, "page-title-numbered", Some(&args))
            .0
    }

    fn years(&self, lang: LangIdx, current: Option<i16>) -> Vec<YearView> {
        let linked = self.linked();
        let news = urls::segment_index(linked.config(), lang, Segment::News);
        linked.years[lang]
            .iter()
            .map(|(year, _)| YearView {
                year: *year,
                href: self.href(&format!("{news}{year}/")),
                current: Some(*year) == current,
            })
            .collect()
    }

    /// Page `number` of the news list of `lang`.
    pub fn news_list(&self, lang: LangIdx, number: usize) -> Rendered {
        let linked = self.linked();
        let config = linked.config();
        let first = |l: LangIdx| urls::segment_index(config, l, Segment::News);
        let pages_in = |l: LangIdx| linked.news_pages(l);
        let title = self.text(lang, "news-title");
        self.news_list_page(
            lang,
            &linked.news[lang],
            number,
            &first,
            &pages_in,
            &title,
            None,
        )
    }

    /// Page `number` of the news of `year` in `lang`.
    pub fn year_archive(&self, lang: LangIdx, year_index: usize, number: usize) -> Rendered {
        let linked = self.linked();
        let config = linked.config();
        let (year, entries) = &linked.years[lang][year_index];
        let year = *year;
        let first = |l: LangIdx| {
            let news = urls::segment_index(config, l, Segment::News);
            // A language without news of that year gets its news list.
            if linked.years[l].iter().any(|(y, _)| *y == year) {
                format!("{news}{year}/")
            } else {
                news
            }
        };
        let pages_in = |l: LangIdx| {
            linked.years[l]
                .iter()
                .find(|(y, _)| *y == year)
                .map_or(1, |(_, e)| linked.page_count(e.len()))
        };
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("year", year.to_string());
        let title = self
            .renderer
            .locales
            .format(lang, "news-archive-title", Some(&args))
            .0;
        self.news_list_page(lang, entries, number, &first, &pages_in, &title, Some(year))
    }

    #[allow(clippy::too_many_arguments)]
    fn news_list_page(
        &self,
        lang: LangIdx,
        entries: &[ListEntry],
        number: usize,
        first: &dyn Fn(LangIdx) -> String,
        pages_in: &dyn Fn(LangIdx) -> usize,
        title: &str,
        year: Option<i16>,
    ) -> Rendered {
        let paging = Paging {
            lang,
            entries,
            number,
            first,
            pages_in,
        };
        let (items, pagination, path, versions) = self.paginate(&paging);
        let (alternates, switcher) = self.translations(lang, &versions, first, "news");
        let page_title = self.numbered(lang, title, number);
        let head = self.head(lang, &page_title, None, &path, alternates);
        let list = ListView {
            title: page_title,
            // Only the first page, which news are added to, shows the
            // count: the later pages stay as they are.
            count: (number == 1).then_some(entries.len()),
            items,
            years: self.years(lang, year),
        };
        let html = self.render("news-list.html", lang, head, switcher, |c| {
            c.insert("list", &list);
            c.insert("pagination", &pagination);
        })?;
        Ok((urls::output_file(&path), html, Vec::new()))
    }

    /// Event date and place, from the event's page in `lang` or else in
    /// any language.
    fn event_details(
        &self,
        term: usize,
        lang: LangIdx,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let linked = self.linked();
        let page = linked.event_page(term, lang);
        let Some(page) = page.map(|p| &linked.site.content.pages[p]) else {
            return (None, None, None);
        };
        let date = page.front.date.map(|d| d.date());
        (
            date.map(|d| dates::long_date(&self.renderer.locales, lang, d)),
            date.map(dates::iso_date),
            page.front.place.clone(),
        )
    }

    /// A term with its name, link and count in `lang`.
    pub(super) fn term_summary(
        &self,
        taxonomy: Taxonomy,
        term: usize,
        lang: LangIdx,
    ) -> TermSummaryView {
        let linked = self.linked();
        let key = &linked.taxonomy(taxonomy).terms[term].key;
        let (date, date_iso, place) = if taxonomy == Taxonomy::Event {
            self.event_details(term, lang)
        } else {
            (None, None, None)
        };
        TermSummaryView {
            name: self.term_name(taxonomy, term, lang),
            href: self.href(&linked.term_url(taxonomy, key, lang)),
            count: linked.taxonomy(taxonomy).terms[term].entries[lang].len(),
            date,
            date_iso,
            place,
        }
    }

    /// Every term of a taxonomy in `lang`, in reading order: events newest
    /// first, the others by name.
    pub(super) fn term_summaries(&self, taxonomy: Taxonomy, lang: LangIdx) -> Vec<TermSummaryView> {
        let linked = self.linked();
        let count = linked.taxonomy(taxonomy).terms.len();
        let mut terms: Vec<TermSummaryView> = (0..count)
            .filter(|&t| linked.term_exists(taxonomy, t, lang))
            .map(|t| self.term_summary(taxonomy, t, lang))
            .collect();
        if taxonomy == Taxonomy::Event {
            terms.sort_by(|a, b| {
                b.date_iso
                    .cmp(&a.date_iso)
                    .then_with(|| a.name.cmp(&b.name))
            });
        } else {
            terms.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then_with(|| a.href.cmp(&b.href))
            });
        }
        terms
    }

    /// `/<lang>/<segment>/`: the index of a taxonomy.
    pub fn taxonomy_index(&self, taxonomy: Taxonomy, lang: LangIdx) -> Rendered {
        let config = self.linked().config();
        let segment = taxonomy.segment();
        let path = urls::segment_index(config, lang, segment);
        let versions: Vec<Option<String>> = (0..config.languages.len())
            .map(|l| Some(urls::segment_index(config, l, segment)))
            .collect();
        let (alternates, switcher) = self.translations(
            lang,
            &versions,
            |l| urls::segment_index(config, l, segment),
            segment.key(),
        );
        let title = self.text(lang, &format!("{}-title", segment.key()));
        let head = self.head(lang, &title, None, &path, alternates);
        let view = TaxonomyView {
            taxonomy: taxonomy.key(),
            title,
            terms: self.term_summaries(taxonomy, lang),
        };
        let html = self.render("taxonomy.html", lang, head, switcher, |c| {
            c.insert("taxonomy", &view)
        })?;
        Ok((urls::output_file(&path), html, Vec::new()))
    }

    /// Page `number` of a term page: the term's own text (on the first
    /// page, where it has a page in `lang`), then its news.
    pub fn term_page(
        &self,
        taxonomy: Taxonomy,
        term: usize,
        lang: LangIdx,
        number: usize,
    ) -> Rendered {
        let linked = self.linked();
        let config = linked.config();
        let index = linked.taxonomy(taxonomy);
        let key = &index.terms[term].key;
        let first = |l: LangIdx| linked.term_url(taxonomy, key, l);
        let pages_in = |l: LangIdx| linked.page_count(index.terms[term].entries[l].len());
        let paging = Paging {
            lang,
            entries: &index.terms[term].entries[lang],
            number,
            first: &first,
            pages_in: &pages_in,
        };
        let (items, pagination, path, mut versions) = self.paginate(&paging);
        for (l, version) in versions.iter_mut().enumerate() {
            if !linked.term_exists(taxonomy, term, l) {
                *version = None;
            }
        }
        // Where the term has no page, the switcher leads to the index of
        // its taxonomy.
        let (alternates, switcher) = self.translations(
            lang,
            &versions,
            |l| urls::segment_index(config, l, taxonomy.segment()),
            taxonomy.segment().key(),
        );
        let own_page = linked.term_page(taxonomy, term, lang);
        let name = self.term_name(taxonomy, term, lang);
        let (body, problems): (Option<String>, Vec<Diagnostic>) = match own_page {
            Some(page) if number == 1 => {
                let (html, problems) = self.body_html(page);
                (Some(html), problems)
            }
            _ => (None, Vec::new()),
        };
        let description =
            own_page.and_then(|p| self.linked().site.content.pages[p].summary.clone());
        let page_title = self.numbered(lang, &name, number);
        let mut head = self.head(lang, &page_title, description, &path, alternates);
        if taxonomy == Taxonomy::Directorate && config.base_url.is_some() {
            head.feeds.push(FeedLinkView {
                title: self.feed_title(lang, Some(&name)),
                href: self.href(&urls::directorate_feed(config, lang, key)),
            });
        }
        let summary = self.term_summary(taxonomy, term, lang);
        let index_title = self.text(lang, &format!("{}-title", taxonomy.segment().key()));
        let view = TermPageView {
            taxonomy: taxonomy.key(),
            title: page_title,
            body,
            date: summary.date,
            date_iso: summary.date_iso,
            place: summary.place,
            count: (number == 1).then_some(summary.count),
            items,
            index_href: self.href(&urls::segment_index(config, lang, taxonomy.segment())),
            index_title,
        };
        let html = self.render("term.html", lang, head, switcher, |c| {
            c.insert("term", &view);
            c.insert("pagination", &pagination);
        })?;
        Ok((urls::output_file(&path), html, problems))
    }
}
