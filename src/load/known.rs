//! Pages a previous build read (the cache), offered to `load`, and the
//! bodies of such pages, read when a build needs them.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{front_matter, yaml};
use crate::diagnostics::Diagnostic;
use crate::digest::{Digest, digest_bytes};
use crate::model::{FileStamp, Page, PageId};

/// A content file as a previous build read it.
#[derive(Debug, Clone)]
pub struct KnownSource {
    pub stamp: FileStamp,
    pub digest: Digest,
    pub page: Page,
}

/// What a previous build read of `content/`, by site-relative path.
#[derive(Debug, Default)]
pub struct KnownSources {
    /// Taken out as files are read (each file is read once).
    pub pages: std::sync::Mutex<std::collections::HashMap<PathBuf, KnownSource>>,
    /// The link destinations of each page's body when it was last
    /// rendered, by source path (see `plan::BodyLinks`).
    /// Taken once, by the build that offered them.
    pub links: std::sync::Mutex<std::collections::HashMap<String, Vec<String>>>,
    /// A file modified at or after this time (nanoseconds since the
    /// epoch) may have changed again within the clock's resolution after
    /// it was read: its stamp alone is not trusted.
    pub trusted_before_ns: i128,
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
