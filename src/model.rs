//! The loaded content: one `Page` per Markdown file, and the small typed
//! values their front matter holds.
//!
//! Produced by `load`, read by every later stage. Nothing here does I/O.

use std::path::{Path, PathBuf};

use jiff::civil;

use crate::digest::Digest;

/// The content sections of DESIGN.md, one folder under `content/` each.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Section {
    News,
    Programs,
    Directorates,
    Events,
    Pages,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::News,
        Section::Programs,
        Section::Directorates,
        Section::Events,
        Section::Pages,
    ];

    /// The folder under `content/`.
    pub fn dir_name(self) -> &'static str {
        match self {
            Section::News => "news",
            Section::Programs => "programs",
            Section::Directorates => "directorates",
            Section::Events => "events",
            Section::Pages => "pages",
        }
    }

    pub fn from_dir_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.dir_name() == name)
    }

    /// The URL segment kind of this section; `Pages` live directly under
    /// the language prefix and have none.
    pub fn segment(self) -> Option<Segment> {
        match self {
            Section::News => Some(Segment::News),
            Section::Programs => Some(Segment::Programs),
            Section::Directorates => Some(Segment::Directorates),
            Section::Events => Some(Segment::Events),
            Section::Pages => None,
        }
    }
}

/// The localized URL segments configurable in `site.yaml` `sections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    News,
    Programs,
    Directorates,
    Events,
    Tags,
    Search,
}

impl Segment {
    pub const ALL: [Segment; 6] = [
        Segment::News,
        Segment::Programs,
        Segment::Directorates,
        Segment::Events,
        Segment::Tags,
        Segment::Search,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Segment::News => "news",
            Segment::Programs => "programs",
            Segment::Directorates => "directorates",
            Segment::Events => "events",
            Segment::Tags => "tags",
            Segment::Search => "search",
        }
    }

    /// Built-in segment for a language: Indonesian and English names, and
    /// the English one for any other language until `site.yaml` says more.
    pub fn default_for(self, lang: &str) -> &'static str {
        let indonesian = lang == "id" || lang.starts_with("id-");
        match (self, indonesian) {
            (Segment::News, true) => "berita",
            (Segment::News, false) => "news",
            (Segment::Programs, true) => "program",
            (Segment::Programs, false) => "programs",
            (Segment::Directorates, true) => "direktorat",
            (Segment::Directorates, false) => "directorates",
            (Segment::Events, true) => "kegiatan",
            (Segment::Events, false) => "events",
            (Segment::Tags, true) => "topik",
            (Segment::Tags, false) => "topics",
            (Segment::Search, true) => "cari",
            (Segment::Search, false) => "search",
        }
    }
}

/// Index of a language in `SiteConfig::languages` (which is also the order
/// of the language switcher).
pub type LangIdx = usize;

/// Index of a page in `Content::pages`.
pub type PageId = usize;

/// A publication date as written: a calendar date, or an RFC 3339 moment
/// whose local date is the one shown to readers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PubDate {
    pub local: civil::DateTime,
    /// Offset from UTC in seconds when the date carried one.
    pub offset_seconds: Option<i32>,
}

impl PubDate {
    pub fn date(&self) -> civil::Date {
        self.local.date()
    }

    /// Whether `self` is before `other`: by the moment when both carry
    /// an offset, else by the calendar date.
    pub fn is_before(&self, other: &PubDate) -> bool {
        let utc = |d: &PubDate, offset: i32| {
            d.local
                .checked_sub(jiff::SignedDuration::from_secs(i64::from(offset)))
                .ok()
        };
        match (self.offset_seconds, other.offset_seconds) {
            (Some(mine), Some(theirs)) => match (utc(self, mine), utc(other, theirs)) {
                (Some(a), Some(b)) => a < b,
                _ => self.date() < other.date(),
            },
            _ => self.date() < other.date(),
        }
    }
}

/// Validated front matter. Lists are empty when absent.
#[derive(Debug, Clone, Default, PartialEq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<PubDate>,
    pub updated: Option<PubDate>,
    pub place: Option<String>,
    pub directorate: Option<String>,
    pub event: Option<String>,
    pub programs: Vec<String>,
    pub tags: Vec<String>,
    pub credits: Credits,
    pub summary: Option<String>,
    pub slug: Option<String>,
    /// Line and column of `slug:`, for the problems of the path it
    /// gives the page's output.
    pub slug_at: Option<(usize, usize)>,
    pub translation_key: Option<String>,
    pub translation_of: Option<TranslationOf>,
    pub draft: bool,
    pub image: Option<String>,
    /// Line and column of `image:`, for the problems of its path.
    pub image_at: Option<(usize, usize)>,
    pub image_alt: Option<String>,
    pub menu: Option<i64>,
}

/// Who wrote, edited, translated and photographed a page, as the byline
/// shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Credits {
    pub writer: Vec<String>,
    pub editor: Vec<String>,
    pub translator: Vec<String>,
    pub photographer: Vec<String>,
}

/// Written by `warta translate`: the source language and the hash of the
/// source's title and body when the translation was made.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TranslationOf {
    pub lang: String,
    pub hash: String,
}

/// One Markdown file of `content/`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Page {
    /// Path relative to the site folder, e.g. `content/news/x.id.md`.
    pub source: PathBuf,
    pub section: Section,
    pub lang: LangIdx,
    /// File name without `.<lang>.md`.
    pub stem: String,
    /// The key that pairs translations: `translation_key`, else the stem.
    pub translation_key: String,
    /// The URL segment: `slug`, else the stem without a leading date.
    pub slug: String,
    pub front: FrontMatter,
    /// `summary`, else the first paragraph as plain text.
    pub summary: Option<String>,
    /// The ids its body defines, which a link's `#fragment` may name
    /// (`load::anchors`): found when first asked for (`Page::anchors`).
    pub anchors: crate::load::anchors::Anchors,
    /// The Markdown body, after the front matter. A page the cache gave
    /// comes without it (`body_pending`) until a build needs it
    /// (`load::fill_bodies`): most pages of a cached build are not
    /// rendered.
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub body_pending: bool,
    /// Line of the file on which the body starts (1-based), so that
    /// problems found in the body can name their line in the file.
    pub body_line: usize,
    /// The digest of the file's bytes: with the configuration, all that
    /// the page is made of.
    pub source_digest: Digest,
    /// The file's size and modification time when it was read.
    pub stamp: Option<FileStamp>,
}

impl Page {
    /// The ids its body defines. A page the cache gave without its body
    /// has them already (`load::known`).
    pub fn anchors(&self) -> &[String] {
        debug_assert!(
            !self.body_pending || self.anchors.is_known(),
            "the ids of {} were asked for without its body",
            self.source.display()
        );
        self.anchors.of(&self.body)
    }
}

/// A file's size and modification time: what tells, without reading it,
/// that a file has not changed since (as make and cargo tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified_ns: i128,
}

impl FileStamp {
    pub fn of(metadata: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = metadata.modified().ok()?;
        let modified_ns = match modified.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        Some(FileStamp {
            size: metadata.len(),
            modified_ns,
        })
    }
}

/// A file of `content/` that is not Markdown (a photo, a PDF): copied to
/// `/files/<path under content/>`.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the site folder, e.g. `content/news/foto.jpg`.
    pub source: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub content_path: String,
}

/// Everything `load` read: pages in a stable order (by source path).
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// Markdown files that exist but could not be read or validated
    /// (their errors are reported): links to them are not broken.
    pub failed: Vec<PathBuf>,
}

/// The stamps of files in one folder, by path relative to it. On Unix
/// each lookup goes through the folder's descriptor and walks only the
/// relative path: at 28,000 outputs in a folder given by an absolute
/// path, the check of the output took 44 ms instead of 50.
pub struct StampsIn {
    root: PathBuf,
    #[cfg(unix)]
    dir: Option<rustix::fd::OwnedFd>,
}

impl StampsIn {
    pub fn open(root: &Path) -> StampsIn {
        StampsIn {
            root: root.to_path_buf(),
            #[cfg(unix)]
            dir: rustix::fs::open(
                root,
                rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::RDONLY
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .ok(),
        }
    }

    /// The stamp of `rel` itself (a symbolic link is not followed).
    pub fn stamp(&self, rel: &str) -> Option<FileStamp> {
        #[cfg(unix)]
        if let Some(dir) = &self.dir {
            let stat = rustix::fs::statat(dir, rel, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok()?;
            return Some(FileStamp {
                size: u64::try_from(stat.st_size).ok()?,
                modified_ns: i128::from(stat.st_mtime) * 1_000_000_000
                    + i128::from(stat.st_mtime_nsec),
            });
        }
        FileStamp::of(&std::fs::symlink_metadata(self.root.join(rel)).ok()?)
    }
}
