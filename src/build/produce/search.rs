//! Producing the search index's parts once the pages are produced: kept,
//! written from the cache, or indexed again from the pages' bytes.

use std::path::Path;

use rayon::prelude::*;

use super::{Decision, Production, Target, cannot_write, lock, on_disk};
use crate::cache::record::still_holds;
use crate::cache::store::BlobRef;
use crate::diagnostics::Diagnostic;
use crate::digest::Digest;
use crate::maps::HashMap;
use crate::model::StampsIn;

/// What producing the search index did.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchWork {
    /// Parts indexed in this run, and the pages they hold.
    pub indexed: usize,
    pub pages: usize,
    /// Parts kept or written from the cache.
    pub reused: usize,
}

impl Production<'_> {
    /// Produces the parts of the search index once the pages are: a part
    /// whose pages' fingerprints (`prints`, taken after rendering) are
    /// those the cache last indexed is kept or written from the cache;
    /// the others are indexed from the bytes render produced.
    pub fn index_search(
        &mut self,
        prints: &[Digest],
        output_root: &Path,
    ) -> Result<SearchWork, Diagnostic> {
        let in_place = matches!(self.target, Target::InPlace(_));
        let folder = in_place.then(|| StampsIn::open(output_root));
        let parts: Vec<(usize, usize)> = self
            .plan
            .outputs
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o.job {
                crate::plan::Job::SearchIndex(part) => Some((i, part)),
                _ => None,
            })
            .collect();
        for &(i, _) in &parts {
            let output = &self.plan.outputs[i];
            let entry = self.store.and_then(|s| s.index.outputs.get(&output.path));
            let holds = still_holds(prints[i], entry.map(|e| &e.record));
            self.decisions[i] = match entry {
                Some(entry) if holds && on_disk(folder.as_ref(), output, entry) => Decision::Keep,
                Some(entry) if holds && entry.blob.is_some() => Decision::FromCache,
                _ => Decision::Index,
            };
        }
        let this = &*self;
        let from_cache: Vec<Result<Option<(usize, usize)>, Diagnostic>> = parts
            .par_iter()
            .filter(|(i, _)| this.decisions[*i] == Decision::FromCache)
            .map(|&(i, part)| {
                let output = &this.plan.outputs[i];
                let bundle = this
                    .store
                    .and_then(|s| s.read(&s.index.outputs.get(&output.path)?.blob?))
                    .and_then(|bytes| crate::write::search::Bundle::decode(&bytes));
                match bundle {
                    Some(bundle) => this
                        .put_bundle(i, part, &bundle, output_root)
                        .map(|()| None),
                    None => Ok(Some((i, part))),
                }
            })
            .collect();
        let mut to_index: Vec<(usize, usize)> = parts
            .iter()
            .copied()
            .filter(|(i, _)| this.decisions[*i] == Decision::Index)
            .collect();
        for outcome in from_cache {
            if let Some(again) = outcome? {
                to_index.push(again);
            }
        }
        to_index.sort_unstable();
        let work = SearchWork {
            indexed: to_index.len(),
            pages: 0,
            reused: parts.len() - to_index.len(),
        };
        if to_index.is_empty() {
            return Ok(work);
        }
        let at: HashMap<&str, usize> = this
            .plan
            .outputs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.path.as_str(), i))
            .collect();
        let html = |file: &str| this.page_html(at.get(file).copied(), file);
        let done = |n: usize, bundle: crate::write::search::Bundle| {
            let (i, part) = to_index[n];
            this.put_bundle(i, part, &bundle, output_root)
                .map_err(|d| format!("/{}: {}", d.path, d.message))?;
            if this.records_wanted {
                this.keep(i, &bundle.encode());
            }
            Ok(())
        };
        let indexed: Vec<&crate::plan::search::IndexPart> = to_index
            .iter()
            .map(|&(_, part)| &this.plan.search[part])
            .collect();
        let pages =
            crate::write::search::index_parts(&indexed, &html, &done).map_err(|message| {
                Diagnostic::error("search.index", crate::layout::SEARCH_DIR, message)
            })?;
        Ok(SearchWork { pages, ..work })
    }

    /// Writes a part's files into the target; an update in place also
    /// removes the files an older index left in the part's folder.
    fn put_bundle(
        &self,
        i: usize,
        part: usize,
        bundle: &crate::write::search::Bundle,
        output_root: &Path,
    ) -> Result<(), Diagnostic> {
        let folder = &self.plan.search[part].folder;
        let in_place = matches!(self.target, Target::InPlace(_));
        // Most of a part's files (a fragment per page) come out the same
        // when it is indexed again: those its last bundle left in the
        // folder are not written again.
        let previous = in_place
            .then(|| self.previous_bundle(i, output_root))
            .flatten();
        let unchanged: HashMap<&str, &[u8]> = previous
            .iter()
            .flat_map(|b| &b.files)
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
            .collect();
        for (path, (name, bytes)) in bundle.paths(folder).zip(&bundle.files) {
            if unchanged.get(name.as_str()) == Some(&bytes.as_slice()) {
                continue;
            }
            self.target
                .sink()
                .put(&path, bytes)
                .map_err(|e| cannot_write(&path, e))?;
        }
        if in_place {
            lock(&self.removes).extend(crate::write::search::stale_files(
                output_root,
                folder,
                bundle,
            ));
        }
        self.note_written(&self.plan.outputs[i].path, None);
        Ok(())
    }

    /// The bundle the cache last wrote for search output `i`, when the
    /// output folder still holds it as written (its entry file's stamp
    /// says so, as for any output kept in place).
    fn previous_bundle(
        &self,
        i: usize,
        output_root: &Path,
    ) -> Option<crate::write::search::Bundle> {
        let output = &self.plan.outputs[i];
        let store = self.store?;
        let entry = store.index.outputs.get(&output.path)?;
        if !on_disk(Some(&StampsIn::open(output_root)), output, entry) {
            return None;
        }
        crate::write::search::Bundle::decode(&store.read(&entry.blob?)?)
    }

    /// A page's bytes for the search index: from the cache, which holds
    /// what render produced, or else from the target.
    fn page_html(&self, output: Option<usize>, file: &str) -> Result<Vec<u8>, String> {
        let read = |blob: Option<BlobRef>| self.store.and_then(|s| s.read(&blob?));
        let kept = match output.map(|i| self.decisions[i]) {
            Some(Decision::Render) => read(output.and_then(|i| lock(&self.blobs)[i])),
            Some(Decision::Keep | Decision::FromCache) => {
                read(self.store.and_then(|s| s.index.outputs.get(file)?.blob))
            }
            _ => None,
        };
        match kept {
            Some(bytes) => Ok(bytes),
            None => self
                .target
                .read(file)
                .map_err(|e| format!("cannot read /{file} for the search index: {e}")),
        }
    }

    /// The files besides gone outputs that an update in place removes.
    pub fn take_removes(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.removes))
    }
}
