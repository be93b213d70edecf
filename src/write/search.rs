//! The search index: after the pages are written, pagefind (used as a
//! library) reads them and writes `/pagefind/`, one index per language
//! from `<html lang>`, with Indonesian stemming for `id`. Only the parts
//! of pages marked `data-pagefind-body` (the article text) are indexed.

use std::path::Path;

#[cfg(feature = "search")]
use crate::layout::SEARCH_DIR;

#[cfg(feature = "search")]
use pagefind::api::PagefindIndex;
#[cfg(feature = "search")]
use pagefind::options::PagefindServiceConfig;

/// Without the `search` feature there is no indexer: asking for an index
/// is an error that says how to build without one.
#[cfg(not(feature = "search"))]
pub fn index_site(_output: &Path) -> Result<usize, String> {
    Err("this warta was built without its `search` feature: build with --no-search, or install warta with default features".to_string())
}

/// Indexes the HTML files of `output` and writes the index into
/// `output/pagefind/`; returns the number of pages in the index (those
/// with `data-pagefind-body`).
#[cfg(feature = "search")]
pub fn index_site(output: &Path) -> Result<usize, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        index
            .add_directory(
                output.to_string_lossy().into_owned(),
                Some("**/*.html".to_string()),
            )
            .await
            .map_err(|e| e.to_string())?;
        index.get_files().await.map_err(|e| e.to_string())
    });
    let files = files?;
    let mut pages = 0;
    let root = output.join(SEARCH_DIR);
    for file in files {
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
