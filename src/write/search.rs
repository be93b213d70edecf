//! The search index: after the pages are written, pagefind (used as a
//! library) indexes them in the parts the plan gives (`plan::search`),
//! each into its own folder under `/pagefind/`, with the language from
//! `<html lang>` and Indonesian stemming for `id`. Only the parts of
//! pages marked `data-pagefind-body` (the article text) are indexed.

use std::path::Path;

#[cfg(feature = "search")]
use pagefind::api::PagefindIndex;
#[cfg(feature = "search")]
use pagefind::options::PagefindServiceConfig;

/// One part of the index to write: its folder in the output
/// (`pagefind/id/2022/`), and its pages as (file in the output, URL).
#[derive(Debug, Clone)]
pub struct IndexPart {
    pub folder: String,
    pub pages: Vec<(String, String)>,
    /// Whether the search page loads pagefind from this part: the others
    /// are merged into it and need only their index, not pagefind's
    /// script, styles and WebAssembly (some 640 KB a part).
    pub loads_pagefind: bool,
}

/// How many parts are indexed at once: each holds its pages in memory
/// until it is written, so this bounds the indexer's memory.
#[cfg(feature = "search")]
const PARTS_AT_ONCE: usize = 2;

/// Without the `search` feature there is no indexer: asking for an index
/// is an error that says how to build without one.
#[cfg(not(feature = "search"))]
pub fn index_parts(_output: &Path, _parts: &[IndexPart]) -> Result<usize, String> {
    Err("this warta was built without its `search` feature: build with --no-search, or install warta with default features".to_string())
}

/// Indexes each part's pages, read from `output`, into its own folder
/// under `output/`, `PARTS_AT_ONCE` parts at a time; returns the number
/// of pages indexed (those with `data-pagefind-body`).
#[cfg(feature = "search")]
pub fn index_parts(output: &Path, parts: &[IndexPart]) -> Result<usize, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
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
                        pages += index_part(output, part)?;
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

/// One part: its pages that have `data-pagefind-body`, indexed and
/// written into its folder.
#[cfg(feature = "search")]
fn index_part(output: &Path, part: &IndexPart) -> Result<usize, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        let mut added = 0;
        for (file, url) in &part.pages {
            let html = std::fs::read_to_string(output.join(file))
                .map_err(|e| format!("cannot read /{file} for the search index: {e}"))?;
            // A page without the marker is not searched; given to an
            // index where no page has it, it would be indexed whole.
            if !html.contains("data-pagefind-body") {
                continue;
            }
            index
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| e.to_string())?;
            added += 1;
        }
        if added == 0 {
            return Ok(Vec::new());
        }
        index.get_files().await.map_err(|e| e.to_string())
    })?;
    let root = output.join(&part.folder);
    let mut pages = 0;
    for file in files {
        if !part.loads_pagefind && !is_index_data(&file.filename) {
            continue;
        }
        // pagefind names files relative to its folder; keep them inside.
        let relative = Path::new(&file.filename);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(format!(
                "the indexer produced an unexpected file name: {}",
                relative.display()
            ));
        }
        let destination = root.join(relative);
        if let Some(parent) = destination.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot write the search index: {e}"))?;
        }
        std::fs::write(&destination, &file.contents)
            .map_err(|e| format!("cannot write the search index: {e}"))?;
        if relative == Path::new("pagefind-entry.json") {
            pages = indexed_pages(&file.contents);
        }
    }
    Ok(pages)
}

/// Whether a file of a pagefind bundle is part of the index itself, which
/// a merged part needs, rather than the code that reads it.
#[cfg(feature = "search")]
fn is_index_data(name: &Path) -> bool {
    name == Path::new("pagefind-entry.json")
        || name.extension().is_some_and(|e| e == "pf_meta")
        || ["index", "fragment", "filter"]
            .iter()
            .any(|folder| name.starts_with(folder))
}

/// Removes the folders under `output/pagefind/` that hold no part of
/// `parts` (a year whose news are gone, an index of an older warta), so
/// that a search page never merges a stale part.
pub fn remove_other_parts(output: &Path, parts: &[IndexPart]) {
    let root = output.join(crate::layout::SEARCH_DIR);
    let kept: std::collections::HashSet<std::path::PathBuf> = parts
        .iter()
        .map(|p| output.join(p.folder.trim_end_matches('/')))
        .collect();
    let Ok(entries) = std::fs::read_dir(&root) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        let Ok(inner) = std::fs::read_dir(&path) else {
            continue;
        };
        for part in inner.flatten() {
            if !kept.contains(&part.path()) {
                let _ = std::fs::remove_dir_all(part.path());
            }
        }
    }
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
