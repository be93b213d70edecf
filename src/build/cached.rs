//! The cache's part in a build: what it offers before (the pages it
//! read, what their bodies link to, how far a file's stamp is trusted)
//! and what it keeps after (`index_change`).

use std::collections::hash_map::Entry;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::BuildOptions;
use super::produce::Produced;
use crate::cache::log::IndexChange;
use crate::cache::store::{FileEntry, OutputEntry, SourceEntry, Store};
use crate::digest::{Digest, digest_bytes, digest_of};
use crate::layout::CONFIG_FILE;
use crate::link::LinkedSite;
use crate::load::{KnownSource, KnownSources, LoadOptions};
use crate::maps::HashMap;
use crate::model::{FileStamp, StampsIn};
use crate::plan::{BodyLinks, Plan};

/// What the cache knew of the pages' body links.
pub fn options_links(options: &LoadOptions) -> BodyLinks {
    options
        .known
        .as_ref()
        .map(|k| std::mem::take(&mut *k.links.lock().unwrap_or_else(|p| p.into_inner())))
        .unwrap_or_default()
}

/// A file modified within two seconds before the cache was written may
/// have changed again without its stamp showing it (a clock's
/// resolution): its stamp alone is not trusted.
pub fn trusted_before(store: Option<&Store>) -> i128 {
    store.map_or(0, |s| s.index.written_ns - 2_000_000_000)
}

/// What decides how content files are read: pages a previous build read
/// are reused only under the same.
pub fn load_key(options: &BuildOptions) -> Digest {
    let config = std::fs::read(options.site.join(CONFIG_FILE)).unwrap_or_default();
    digest_of(
        "load",
        &(
            crate::plan::parts::BUILD_ID,
            config,
            &options.base_url,
            options.drafts,
        ),
    )
}

/// The pages the cache holds, offered to `load` when they were read
/// under the same `load_key`.
pub fn known_sources(store: &Store, load_key: Digest) -> Option<Arc<KnownSources>> {
    if store.index.load_key != load_key || store.index.sources.is_empty() {
        return None;
    }
    // Two maps of 20,000 paths each, and the runs of the pack: built side
    // by side, since the build waits for them before it reads a file.
    let sources = &store.index.sources;
    let (pages, (links, read)) = rayon::join(
        || {
            sources
                .iter()
                .map(|(path, entry)| {
                    let known = KnownSource {
                        stamp: entry.stamp,
                        digest: entry.digest,
                        page: entry.page,
                    };
                    (path.clone(), known)
                })
                .collect()
        },
        || {
            let links = sources
                .iter()
                .filter(|(_, entry)| !entry.links.is_empty())
                .map(|(path, entry)| (path.clone(), entry.links.clone()))
                .collect();
            (links, store.page_reader())
        },
    );
    let photos = store
        .index
        .files
        .iter()
        .filter_map(|(path, entry)| {
            let known = crate::load::photos::KnownPhoto {
                stamp: entry.stamp,
                digest: entry.digest,
                photo: entry.photo?,
            };
            Some((path.clone(), known))
        })
        .collect();
    Some(Arc::new(KnownSources {
        photos,
        pages,
        read,
        links: std::sync::Mutex::new(links),
        trusted_before_ns: trusted_before(Some(store)),
    }))
}

/// The stamps the written files have in the output folder `root`: as
/// writing gave them (moving a file into place keeps its stamp), or else
/// looked up there (a copy; a file written twice, whose last version is
/// the one in place).
pub fn stamps_of(
    root: &Path,
    written: Vec<(String, Option<FileStamp>)>,
) -> HashMap<String, FileStamp> {
    let mut given: HashMap<String, Option<FileStamp>> =
        HashMap::with_capacity_and_hasher(written.len(), Default::default());
    for (path, stamp) in written {
        match given.entry(path) {
            Entry::Occupied(mut twice) => {
                twice.insert(None);
            }
            Entry::Vacant(first) => {
                first.insert(stamp);
            }
        }
    }
    let folder = StampsIn::open(root);
    given
        .into_par_iter()
        .filter_map(|(path, stamp)| {
            let stamp = stamp.or_else(|| folder.stamp(&path))?;
            Some((path, stamp))
        })
        .collect()
}

/// What a build that was written changes in the cache's index: the
/// pages read, the copied files, every output with its bytes and its file
/// in the output folder. Entries are compared, not rebuilt: most of a
/// rebuild's are as they were, and the change is what the cache logs.
#[allow(clippy::too_many_arguments)]
pub fn index_change(
    store: &Store,
    linked: &LinkedSite,
    plan: &Plan,
    files: &HashMap<String, (Option<FileStamp>, Digest)>,
    produced: &mut Produced,
    output_root: &Path,
    load_key: Digest,
    body_links: &BodyLinks,
) -> IndexChange {
    let index = &store.index;
    let mut change = IndexChange::default();
    let pages = &linked.site.content.pages;
    let same_load = index.load_key == load_key;
    // Pages parsed in this run are kept for the next, their bytes
    // appended to the pack; the others keep their blob. A page whose bytes
    // could not be kept is parsed again next time.
    let no_links: crate::plan::Dests = std::sync::Arc::from(Vec::new());
    let sources: Vec<Option<(String, Option<SourceEntry>)>> = pages
        .par_iter()
        // One buffer per thread for the pages' bytes: fresh memory for each
        // page cost more than encoding it.
        .map_init(Vec::new, |buffer, page| {
            let path = crate::diagnostics::display_path(&page.source);
            let stamp = page.stamp?;
            let links = body_links.get(&path).unwrap_or(&no_links);
            let known = index
                .sources
                .get(&path)
                .filter(|known| same_load && known.digest == page.source_digest);
            if let Some(known) = known {
                if known.stamp == stamp && known.links == *links {
                    return None;
                }
                let entry = SourceEntry {
                    stamp,
                    links: links.clone(),
                    ..known.clone()
                };
                return Some((path, Some(entry)));
            }
            // Kept without its body: its ids go with it.
            page.anchors();
            buffer.clear();
            *buffer = postcard::to_extend(page, std::mem::take(buffer)).ok()?;
            let entry = SourceEntry {
                stamp,
                digest: page.source_digest,
                page: store.append(buffer, digest_bytes(buffer))?,
                links: links.clone(),
            };
            Some((path, Some(entry)))
        })
        .collect();
    // Each worker wrote its own entries in place (a first build has
    // 20,000); those left are taken in the same memory.
    change.sources = sources.into_iter().flatten().collect();
    // Pages that are gone, or whose file can no longer be read: only
    // when the counts say some are.
    let kept = pages.iter().filter(|p| p.stamp.is_some()).count();
    let added = change
        .sources
        .iter()
        .filter(|(path, _)| !index.sources.contains_key(path))
        .count();
    if index.sources.len() + added != kept {
        let current: crate::maps::HashSet<String> = pages
            .iter()
            .filter(|p| p.stamp.is_some())
            .map(|p| crate::diagnostics::display_path(&p.source))
            .collect();
        change.sources.extend(
            index
                .sources
                .keys()
                .filter(|path| !current.contains(*path))
                .map(|path| (path.clone(), None)),
        );
    }
    if !same_load {
        change.load_key = Some(load_key);
    }
    let photos: HashMap<&str, crate::photo::Photo> = linked
        .site
        .photos
        .iter()
        .filter_map(|p| Some((p.source.as_str(), *p.photo.as_ref().ok()?)))
        .collect();
    let files: HashMap<String, FileEntry> = files
        .iter()
        .filter_map(|(path, (stamp, digest))| {
            Some((
                path.clone(),
                FileEntry {
                    stamp: (*stamp)?,
                    digest: *digest,
                    photo: photos.get(path.as_str()).copied(),
                },
            ))
        })
        .collect();
    if files != index.files {
        change.files = Some(files);
    }
    let stamps = stamps_of(output_root, std::mem::take(&mut produced.written));
    let added = AtomicUsize::new(0);
    let changed: Vec<Option<(String, Option<OutputEntry>)>> = plan
        .outputs
        .par_iter()
        .zip(&produced.blobs)
        .map(|(output, kept)| {
            let record = produced.records.get(&output.path)?;
            let previous = index.outputs.get(&output.path);
            let blob = match kept {
                Some(blob) => Some(*blob),
                None => previous
                    .filter(|p| p.record.content == record.content)
                    .and_then(|p| p.blob),
            };
            let on_disk = match stamps.get(&output.path) {
                Some(stamp) => Some(*stamp),
                None if produced.in_place => previous.and_then(|p| p.on_disk),
                None => None,
            };
            let entry = OutputEntry {
                record: record.clone(),
                blob,
                on_disk,
            };
            if previous.is_none() {
                added.fetch_add(1, Ordering::Relaxed);
            }
            (previous != Some(&entry)).then(|| (output.path.clone(), Some(entry)))
        })
        .collect();
    let added = added.into_inner();
    change.outputs = changed.into_iter().flatten().collect();
    // Outputs no longer produced: only when the counts say some are.
    if index.outputs.len() + added != produced.records.len() {
        change.outputs.extend(
            index
                .outputs
                .keys()
                .filter(|path| !produced.records.contains_key(*path))
                .map(|path| (path.clone(), None)),
        );
    }
    let output_dir = Some(crate::diagnostics::display_path(output_root));
    if index.output_dir != output_dir {
        change.output_dir = Some(output_dir);
    }
    change
}

/// The paths the cache says are in the output folder `root` that the
/// plan no longer has; a search part that is gone takes every file of its
/// folder with it.
pub fn gone(store: &Store, plan: &Plan, root: &Path) -> Vec<String> {
    let outputs = &store.index.outputs;
    let kept = plan
        .outputs
        .par_iter()
        .filter(|o| outputs.contains_key(&o.path))
        .count();
    if kept == outputs.len() {
        return Vec::new();
    }
    let planned: crate::maps::HashSet<&str> =
        plan.outputs.iter().map(|o| o.path.as_str()).collect();
    let mut gone: Vec<String> = store
        .index
        .outputs
        .keys()
        .filter(|path| !planned.contains(path.as_str()))
        .flat_map(|path| match crate::plan::search::part_folder(path) {
            Some(folder) => crate::write::search::files_in(root, folder),
            None => vec![path.clone()],
        })
        .collect();
    gone.sort();
    gone.dedup();
    gone
}

/// Where the output is, as the cache names it.
pub fn output_key(root: &Path) -> String {
    crate::diagnostics::display_path(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_twice_is_looked_up_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("twice.html"), "yang terakhir").unwrap();
        std::fs::write(dir.path().join("copied.css"), "body {}").unwrap();
        let folder = StampsIn::open(dir.path());
        let given = FileStamp {
            size: 7,
            modified_ns: 1,
        };
        let stale = FileStamp {
            size: 3,
            modified_ns: 2,
        };
        let written = vec![
            ("once.html".to_string(), Some(given)),
            ("twice.html".to_string(), Some(stale)),
            ("copied.css".to_string(), None),
            ("twice.html".to_string(), Some(stale)),
        ];
        let stamps = stamps_of(dir.path(), written);
        // As writing gave it, without a look at the folder.
        assert_eq!(stamps["once.html"], given);
        // Looked up: the version in place is the one that counts.
        assert_eq!(Some(stamps["twice.html"]), folder.stamp("twice.html"));
        assert_eq!(Some(stamps["copied.css"]), folder.stamp("copied.css"));
        assert_eq!(stamps.len(), 3);
    }
}
