//! The search index: pagefind (used as a library) indexes the pages of
//! each part the plan gives (`plan::search`), from the bytes render
//! produced, with the language from `<html lang>` and Indonesian
//! stemming for `id`. Only the parts of pages marked
//! `data-pagefind-body` (the article text) are indexed. A part's files
//! come back as one [`Bundle`], which the build writes into the part's
//! folder and keeps in its cache.

use std::path::{Component, Path};

use serde::{Deserialize, Serialize};

pub use crate::plan::search::IndexPart;

#[cfg(feature = "search")]
use pagefind::api::PagefindIndex;
#[cfg(feature = "search")]
use pagefind::options::PagefindServiceConfig;

/// The files of one part of the index, relative to its folder, in name
/// order, and how many pages it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub pages: usize,
    pub files: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    /// The bundle as the cache keeps it.
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// A bundle the cache kept; `None` when the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Bundle> {
        let bundle: Bundle = postcard::from_bytes(bytes).ok()?;
        bundle
            .files
            .iter()
            .all(|(name, _)| is_inside(name))
            .then_some(bundle)
    }

    /// The output path of each file, under `folder`.
    pub fn paths<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = String> + 'a {
        self.files
            .iter()
            .map(move |(name, _)| format!("{folder}{name}"))
    }
}

/// Whether a name pagefind gave stays inside the part's folder.
fn is_inside(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && !path.is_absolute()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Where the indexer gets a page's HTML from: the page's file in the
/// output, as render produced it.
pub type PageHtml<'a> = dyn Fn(&str) -> Result<Vec<u8>, String> + Sync + 'a;

/// What to do with each part once indexed (write it, keep it).
pub type PartDone<'a> = dyn Fn(usize, Bundle) -> Result<(), String> + Sync + 'a;

/// How many parts are indexed at once: each holds its pages in memory
/// until it is written, so this bounds the indexer's memory.
#[cfg(feature = "search")]
const PARTS_AT_ONCE: usize = 2;

/// Without the `search` feature there is no indexer: asking for an index
/// is an error that says how to build without one.
#[cfg(not(feature = "search"))]
pub fn index_parts(
    _parts: &[&IndexPart],
    _html: &PageHtml,
    _done: &PartDone,
) -> Result<usize, String> {
    Err("this warta was built without its `search` feature: build with --no-search, or install warta with default features".to_string())
}

/// Indexes `parts`, `PARTS_AT_ONCE` at a time, and hands each one's
/// bundle to `done` with its position in `parts` as soon as it is
/// indexed; returns the number of pages indexed.
#[cfg(feature = "search")]
pub fn index_parts(
    parts: &[&IndexPart],
    html: &PageHtml,
    done: &PartDone,
) -> Result<usize, String> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    // After one failure the other worker stops at its next part.
    let failed = AtomicBool::new(false);
    let results: Vec<Result<usize, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..PARTS_AT_ONCE.min(parts.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut pages = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(part) = parts.get(i) else {
                            return Ok(pages);
                        };
                        if failed.load(Ordering::Relaxed) {
                            return Ok(pages);
                        }
                        let indexed = index_part(part, html).and_then(|bundle| {
                            let count = bundle.pages;
                            done(i, bundle).map(|()| count)
                        });
                        match indexed {
                            Ok(count) => pages += count,
                            Err(e) => {
                                failed.store(true, Ordering::Relaxed);
                                return Err(e);
                            }
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("the indexer stopped".to_string()))
            })
            .collect()
    });
    results.into_iter().sum()
}

/// One part: its pages that have `data-pagefind-body`, indexed.
#[cfg(feature = "search")]
fn index_part(part: &IndexPart, html: &PageHtml) -> Result<Bundle, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for (file, url) in &part.pages {
            let bytes = html(file)?;
            let page = String::from_utf8(bytes)
                .map_err(|_| format!("/{file} is not UTF-8 and cannot be indexed for search"))?;
            // A page without the marker is not searched; given to an
            // index where no page has it, it would be indexed whole.
            if !page.contains("data-pagefind-body") {
                continue;
            }
            index
                .add_html_file(None, Some(url.clone()), page)
                .await
                .map_err(|e| e.to_string())?;
        }
        // An index without pages is still written, so that the search
        // page finds every part it names.
        index.get_files().await.map_err(|e| e.to_string())
    })?;
    let mut bundle = Bundle {
        pages: 0,
        files: Vec::new(),
    };
    for file in files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        if !part.loads_pagefind && !is_index_data(&name) {
            continue;
        }
        // pagefind names files relative to its folder; keep them inside.
        if !is_inside(&name) {
            return Err(format!(
                "the indexer produced an unexpected file name: {name}"
            ));
        }
        if name == crate::plan::search::ENTRY_FILE {
            bundle.pages = indexed_pages(&file.contents);
        }
        bundle.files.push((name, file.contents));
    }
    bundle.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(bundle)
}

/// Whether a file of a pagefind bundle is part of the index itself, which
/// a merged part needs, rather than the code that reads it.
#[cfg(feature = "search")]
fn is_index_data(name: &str) -> bool {
    name == crate::plan::search::ENTRY_FILE
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|folder| name.starts_with(folder))
}

/// The pages of all languages, from pagefind's `pagefind-entry.json`.
#[cfg(feature = "search")]
fn indexed_pages(entry: &[u8]) -> usize {
    let entry: serde_json::Value = serde_json::from_slice(entry).unwrap_or_default();
    entry["languages"]
        .as_object()
        .map(|languages| {
            languages
                .values()
                .filter_map(|l| l["page_count"].as_u64())
                .sum::<u64>() as usize
        })
        .unwrap_or(0)
}

/// The files under `folder` (an output path ending in `/`) in the output
/// folder `root`, as output paths: what a part's folder holds now.
pub fn files_in(root: &Path, folder: &str) -> Vec<String> {
    let base = root.join(folder);
    walkdir::WalkDir::new(&base)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(&base).ok()?;
            let name = relative.to_str()?.replace('\\', "/");
            Some(format!("{folder}{name}"))
        })
        .collect()
}

/// The files of a part's folder in `root` that its new `bundle` does not
/// write: an older index's chunks, to remove.
pub fn stale_files(root: &Path, folder: &str, bundle: &Bundle) -> Vec<String> {
    let fresh: std::collections::HashSet<String> = bundle.paths(folder).collect();
    files_in(root, folder)
        .into_iter()
        .filter(|path| !fresh.contains(path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_keeps_its_files_inside_its_folder() {
        let bundle = Bundle {
            pages: 2,
            files: vec![
                ("index/en_1.pf_index".to_string(), b"i".to_vec()),
                ("pagefind-entry.json".to_string(), b"{}".to_vec()),
            ],
        };
        let decoded = Bundle::decode(&bundle.encode()).expect("a bundle");
        assert_eq!(decoded, bundle);
        let paths: Vec<String> = bundle.paths("pagefind/en/2022/").collect();
        assert_eq!(paths[0], "pagefind/en/2022/index/en_1.pf_index");
        for outside in ["../x", "/etc/passwd", "a/../../b", ""] {
            let bad = Bundle {
                pages: 0,
                files: vec![(outside.to_string(), Vec::new())],
            };
            assert_eq!(Bundle::decode(&bad.encode()), None, "{outside:?}");
        }
        assert_eq!(Bundle::decode(b"not a bundle at all"), None);
    }

    #[test]
    fn stale_files_are_those_the_new_bundle_does_not_write() {
        let root = tempfile::tempdir().unwrap();
        let folder = "pagefind/id/2022/";
        std::fs::create_dir_all(root.path().join(folder).join("index")).unwrap();
        std::fs::write(root.path().join(folder).join("index/id_old.pf_index"), "").unwrap();
        std::fs::write(root.path().join(folder).join("pagefind-entry.json"), "").unwrap();
        let bundle = Bundle {
            pages: 1,
            files: vec![
                ("index/id_new.pf_index".to_string(), Vec::new()),
                ("pagefind-entry.json".to_string(), Vec::new()),
            ],
        };
        assert_eq!(
            stale_files(root.path(), folder, &bundle),
            ["pagefind/id/2022/index/id_old.pf_index"]
        );
        assert!(files_in(root.path(), "pagefind/en/2022/").is_empty());
    }
}
