//! View structs: what templates see. Small, made per page from the linked
//! site, so that templates never depend on the internal model and a list
//! of 20 items serializes 20 summaries, not the site.

use serde::Serialize;

/// The frame shared by every page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub home_href: String,
    pub css_href: String,
    pub search_href: String,
    pub menu: Vec<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

/// `<head>` of a page.
#[derive(Debug, Clone, Serialize)]
pub struct HeadView {
    /// `<title>`: the page's title and the site's.
    pub title: String,
    /// The page's own title, for OpenGraph and Twitter cards.
    pub page_title: String,
    pub site_title: String,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub alternates: Vec<AlternateView>,
    /// The page's own href, to mark the current menu entry.
    pub path: String,
    /// `article` for news items, else `website`.
    pub og_type: &'static str,
    /// `id_ID`, `en_US`: this page's locale and its translations'.
    pub og_locale: Option<String>,
    pub og_locale_alternates: Vec<String>,
    /// Absolute URL of the lead image: its social card (1200 × 630) when
    /// it is one of the site's photos.
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// The card's size, when the image is one.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    /// News items: publication and change times (RFC 3339).
    pub published: Option<String>,
    pub modified: Option<String>,
    /// Atom feeds to announce.
    pub feeds: Vec<FeedLinkView>,
}

/// `<link rel="alternate" type="application/atom+xml">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLinkView {
    pub title: String,
    pub href: String,
}

/// `<link rel="alternate" hreflang href>`.
#[derive(Debug, Clone, Serialize)]
pub struct AlternateView {
    pub hreflang: String,
    pub href: String,
}

/// One language in the visible language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct SwitcherEntry {
    pub lang: String,
    /// The language's name in itself (`Bahasa Indonesia`, `English`).
    pub name: String,
    pub href: String,
    pub current: bool,
    /// False when the page has no translation in this language; `href`
    /// then leads to that language's list and `missing_note` says so in
    /// that language.
    pub available: bool,
    pub missing_note: String,
}

/// A content page: news item, program, directorate, event or other page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub body: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub updated: Option<String>,
    pub place: Option<String>,
    pub credits: Vec<CreditView>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// The lead image's versions, when it is one of the site's photos.
    pub picture: Option<super::pictures::Picture>,
    /// News items: the terms they belong to, as links.
    pub directorate: Option<TermLinkView>,
    pub event: Option<TermLinkView>,
    pub programs: Vec<TermLinkView>,
    pub tags: Vec<TermLinkView>,
}

/// A link to a term page, with the term's name in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct TermLinkView {
    pub name: String,
    pub href: String,
}

/// A directorate, program, event or tag page: its own text where it has
/// one, then its news.
#[derive(Debug, Clone, Serialize)]
pub struct TermPageView {
    /// `directorate`, `event`, `program` or `tag`.
    pub taxonomy: &'static str,
    pub title: String,
    pub body: Option<String>,
    /// Events: when and where.
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub place: Option<String>,
    /// On the first page only.
    pub count: Option<usize>,
    pub items: Vec<SummaryView>,
    /// The taxonomy's index.
    pub index_href: String,
    pub index_title: String,
}

/// A taxonomy's index: every term with its name and count.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    pub taxonomy: &'static str,
    pub title: String,
    pub terms: Vec<TermSummaryView>,
}

/// A term in an index or on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct TermSummaryView {
    pub name: String,
    pub href: String,
    pub count: usize,
    /// Events: their date and place.
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub place: Option<String>,
}

/// A year of the news archive.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: i16,
    pub href: String,
    pub current: bool,
}

/// A byline entry: `Editor: OHH Dayasos, Annisa YH`.
#[derive(Debug, Clone, Serialize)]
pub struct CreditView {
    pub label: String,
    pub names: String,
}

/// A news item in a list.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub title: String,
    pub href: String,
    /// The item's own language, which differs from the list's for
    /// `foreign` items.
    pub lang: String,
    pub date: String,
    pub date_iso: String,
    pub place: Option<String>,
    pub summary: Option<String>,
    /// Listed in a language it has no version in (`untranslated: list`).
    pub foreign: bool,
    /// "Only in Indonesian", in the list's language.
    pub foreign_note: String,
    /// The lead image's versions, small.
    pub thumbnail: Option<super::pictures::Picture>,
}

/// A paginated list of news.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub title: String,
    /// On the first page only.
    pub count: Option<usize>,
    pub items: Vec<SummaryView>,
    /// The archive's years, for the year navigation.
    pub years: Vec<YearView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The language home.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub latest: Vec<SummaryView>,
    pub news_href: String,
    pub programs: Vec<TermSummaryView>,
    pub programs_href: String,
    pub directorates: Vec<TermSummaryView>,
    pub directorates_href: String,
    /// Events newest first; the page's script moves those still to come
    /// under "upcoming" on the reader's own date, so that the output does
    /// not depend on the day it was built.
    pub events: Vec<TermSummaryView>,
    pub events_href: String,
}

/// The search page: where pagefind is, and the messages its script shows.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub title: String,
    /// JSON: the folders of the parts of this language's search index
    /// under the base path, the first one's pagefind loaded first.
    pub bundles_json: String,
    /// The base path results are relative to.
    pub base_href: String,
    pub script_href: String,
    /// JSON: `results` per plural category (`{count}` stands for the
    /// number), `none`, `searching`, `unavailable`.
    pub messages_json: String,
}

/// A language on the root chooser and the 404 page.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    pub lang: String,
    pub name: String,
    pub href: String,
    /// "Read this site in …", in that language.
    pub label: String,
    /// "Home", in that language.
    pub home_label: String,
}

/// The root chooser's script data: language code → home href, as JSON
/// safe to put inside `<script>`.
#[derive(Debug, Clone, Serialize)]
pub struct RootView {
    pub homes_json: String,
    pub default_json: String,
}

/// JSON that cannot close a `<script>` element.
pub fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
