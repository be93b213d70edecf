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
    pub title: String,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub alternates: Vec<AlternateView>,
    /// The page's own href, to mark the current menu entry.
    pub path: String,
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
}

/// A paginated list of news.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub title: String,
    pub count: usize,
    pub items: Vec<SummaryView>,
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
