//! What the plan is made of: each output's job, owner and reads.

use crate::digest::Digest;
use crate::layout::CONFIG_FILE;
use crate::link::LinkedSite;
use crate::link::taxonomies::Taxonomy;
use crate::model::{LangIdx, PageId};

/// How one output is produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// A news item or another page (term pages render with their news).
    Page(PageId),
    NewsList {
        lang: LangIdx,
        number: usize,
    },
    YearArchive {
        lang: LangIdx,
        year: usize,
        number: usize,
    },
    TermPage {
        taxonomy: Taxonomy,
        term: usize,
        lang: LangIdx,
        number: usize,
    },
    TaxonomyIndex {
        taxonomy: Taxonomy,
        lang: LangIdx,
    },
    Home(LangIdx),
    SearchPage(LangIdx),
    Root,
    NotFound,
    LanguageFeed(LangIdx),
    DirectorateFeed {
        term: usize,
        lang: LangIdx,
    },
    /// File `slice` of the sitemap's `files` (`link::sitemap`).
    Sitemap {
        slice: usize,
        files: usize,
    },
    /// `/sitemap.xml` naming the sitemap's `files`, when it has several.
    SitemapIndex {
        files: usize,
    },
    Robots,
    /// A built-in theme asset (`Theme::assets[i]`).
    ThemeAsset(usize),
    /// A file of the site's `templates/` that is not a template
    /// (`LoadedSite::theme_files[i]`), copied.
    ThemeFile(usize),
    /// `LoadedSite::static_files[i]`, copied.
    StaticFile(usize),
    /// `Content::assets[i]`, copied to `/files/`.
    ContentAsset(usize),
    /// The `.warta-output` file.
    Marker,
    /// One version of a photo (`LoadedSite::photos[photo]`), made from
    /// its bytes alone.
    PhotoVersion {
        photo: usize,
        version: crate::photo::PhotoVersion,
    },
    /// One part of the search index (`Plan::search[i]`): a folder of
    /// files, planned as its `pagefind-entry.json` and produced after
    /// the pages it indexes.
    SearchIndex(usize),
}

impl Job {
    /// Whether a template renders this output (as opposed to code or a
    /// copy).
    pub fn has_template(&self) -> bool {
        matches!(
            self,
            Job::Page(_)
                | Job::NewsList { .. }
                | Job::YearArchive { .. }
                | Job::TermPage { .. }
                | Job::TaxonomyIndex { .. }
                | Job::Home(_)
                | Job::SearchPage(_)
                | Job::Root
                | Job::NotFound
        )
    }

    /// Whether the renderer makes this output (the rest is copied, made
    /// from a photo, or indexed for search).
    pub fn is_rendered(&self) -> bool {
        !matches!(
            self,
            Job::ThemeAsset(_)
                | Job::ThemeFile(_)
                | Job::StaticFile(_)
                | Job::ContentAsset(_)
                | Job::Marker
                | Job::SearchIndex(_)
                | Job::PhotoVersion { .. }
        )
    }
}

/// What put an output at its path: named in diagnostics about the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A content file (its slug or file name chose the URL).
    Content(PageId),
    /// A term without a page of its own in that language.
    Term {
        taxonomy: Taxonomy,
        key: String,
        lang: LangIdx,
    },
    /// A list or feed whose URL comes from `site.yaml`'s sections.
    Config(&'static str, LangIdx),
    /// A file of the site copied as it is (site-relative path).
    File(String),
    /// Something every site has (the root chooser, 404, theme assets).
    Builtin(&'static str),
}

/// An input an output reads. Each is hashed when fingerprints are taken
/// ([`Parts`]); an output is produced again when any of them changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// site.yaml, the theme's templates and assets, the locales, and the
    /// warta build itself: what every output depends on.
    Global,
    /// The frame of a language's pages: its menu.
    Frame(LangIdx),
    /// All of a content file: front matter and body.
    Page(PageId),
    /// What lists show of a page: front matter, summary and URL.
    Card(PageId),
    /// The URLs of a page's versions in every language.
    Translations(PageId),
    /// The titles of the term pages of a language (term names).
    TermNames(LangIdx),
    /// What an index shows of every term of a taxonomy in a language:
    /// names, counts, event dates.
    TermIndex(Taxonomy, LangIdx),
    /// The bytes of a site file (site-relative path).
    File(String),
    /// A value of the linked site that only this output shows (list
    /// membership and length, pagination in other languages), hashed when
    /// planned.
    Value(Digest),
    /// The bytes of another output of the plan (its index in
    /// `Plan::outputs`), known by that output's fingerprint: what the
    /// search index reads of the pages it indexes.
    Output(usize),
}

/// One file of the output.
#[derive(Debug, Clone)]
pub struct Output {
    /// Relative to the output root, `/`-separated.
    pub path: String,
    pub job: Job,
    pub owner: Owner,
    /// The language of an HTML page (for the build's page counts).
    pub lang: Option<LangIdx>,
    pub reads: Vec<Read>,
}

/// Where a path problem points: the content file, the copied file, or
/// site.yaml.
pub fn owner_path(linked: &LinkedSite, owner: &Owner) -> String {
    match owner {
        Owner::Content(id) => {
            crate::diagnostics::display_path(&linked.site.content.pages[*id].source)
        }
        Owner::File(path) => path.clone(),
        Owner::Term { .. } | Owner::Config(..) | Owner::Builtin(_) => CONFIG_FILE.to_string(),
    }
}

/// The owner as a person reads it in a message.
pub fn owner_description(linked: &LinkedSite, owner: &Owner) -> String {
    let code = |lang: &LangIdx| linked.config().lang_code(*lang).to_string();
    match owner {
        Owner::Content(_) | Owner::File(_) => owner_path(linked, owner),
        Owner::Term {
            taxonomy,
            key,
            lang,
        } => format!("the `{}` {} page `{key}`", code(lang), taxonomy.key()),
        Owner::Config(what, lang) => format!("the `{}` {what}", code(lang)),
        Owner::Builtin(what) => what.to_string(),
    }
}
