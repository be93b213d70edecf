//! Pages a previous build read (the cache), offered to `load`, and the
//! bodies of such pages, read when a build needs them.

use std::path::Path;

use rayon::prelude::*;

use super::{front_matter, yaml};
use crate::cache::store::BlobRef;
use crate::diagnostics::Diagnostic;
use crate::digest::{Digest, digest_bytes};
use crate::model::{FileStamp, Page, PageId};

/// A content file as a previous build read it.
#[derive(Debug, Clone)]
pub struct KnownSource {
    pub stamp: FileStamp,
    pub digest: Digest,
    /// Where its page, as parsed, is kept: decoded only when the file is
    /// unchanged, straight into the loaded site.
    pub page: BlobRef,
}

/// Decodes a kept page; `None` when its bytes are gone or damaged.
pub type PageReader = Box<dyn Fn(&BlobRef) -> Option<Page> + Send + Sync>;

/// What a previous build read of `content/`, by site-relative path.
pub struct KnownSources {
    /// By path as shown (`diagnostics::path_as_shown`): a string hashes
    /// faster than a `Path`, which hashes component by component.
    pub pages: crate::maps::HashMap<String, KnownSource>,
    pub read: PageReader,
    /// The link destinations of each page's body when it was last
    /// rendered, by source path (see `plan::BodyLinks`).
    /// Taken once, by the build that offered them.
    pub links: std::sync::Mutex<crate::plan::BodyLinks>,
    /// A file modified at or after this time (nanoseconds since the
    /// epoch) may have changed again within the clock's resolution after
    /// it was read: its stamp alone is not trusted.
    pub trusted_before_ns: i128,
    /// The photos a previous build read, by site-relative source path.
    pub photos: crate::maps::HashMap<String, super::photos::KnownPhoto>,
}

impl std::fmt::Debug for KnownSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnownSources")
            .field("pages", &self.pages.len())
            .field("trusted_before_ns", &self.trusted_before_ns)
            .finish_non_exhaustive()
    }
}

impl KnownSources {
    /// The page a previous build read, without its body, if it is still
    /// kept.
    pub fn page(&self, known: &KnownSource) -> Option<Page> {
        let mut page = (self.read)(&known.page)?;
        // Without its body, its ids must have been kept with it.
        if !page.anchors.is_known() {
            return None;
        }
        page.body_pending = true;
        Some(page)
    }
}

/// Reads the bodies of the pages `ids` that came from the cache without
/// one. A file that changed since it was loaded is an error: the build
/// would mix two versions of it.
pub fn fill_bodies(site: &Path, pages: &mut [Page], ids: &[PageId]) -> Vec<Diagnostic> {
    let mut wanted: Vec<PageId> = ids
        .iter()
        .copied()
        .filter(|&id| pages.get(id).is_some_and(|p| p.body_pending))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let bodies: Vec<(PageId, Result<String, Diagnostic>)> = wanted
        .par_iter()
        .map(|&id| (id, read_body(site, &pages[id])))
        .collect();
    let mut problems = Vec::new();
    for (id, body) in bodies {
        match body {
            Ok(body) => {
                pages[id].body = body;
                pages[id].body_pending = false;
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

fn read_body(site: &Path, page: &Page) -> Result<String, Diagnostic> {
    let changed = || {
        Diagnostic::error(
            "content.changed",
            &page.source,
            "the file changed while the site was being built; build again",
        )
    };
    let bytes = std::fs::read(site.join(&page.source)).map_err(|e| {
        Diagnostic::error(
            "content.unreadable",
            &page.source,
            format!("cannot read: {e}"),
        )
    })?;
    if digest_bytes(&bytes) != page.source_digest {
        return Err(changed());
    }
    let text = yaml::decode_utf8(&bytes).map_err(|_| changed())?;
    let split = front_matter::split(&text).map_err(|_| changed())?;
    Ok(front_matter::body_text(split.body))
}
