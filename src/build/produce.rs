//! Producing the plan's outputs with the cache: each output is kept as
//! it is in the output folder, written from the bytes the cache holds, or
//! rendered (copies are copied), whichever its fingerprint allows; then
//! written all or nothing — into a fresh folder swapped in, or, into the
//! folder the cache last wrote, as an in-place update of the files that
//! changed.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cache::record::{OutputRecord, Records, still_holds};
use crate::cache::store::{BlobRef, OutputEntry, Store};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::digest::{Digest, digest_bytes};
use crate::maps::HashMap;
use crate::model::{FileStamp, StampsIn};
use crate::plan::{Output, Plan};
use crate::render::{LinkRead, Output as Sink, Renderer};

use super::copied_from;

/// What to do for one output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The file in the output folder is already right.
    Keep,
    /// Write the bytes the cache holds.
    FromCache,
    Render,
    Copy,
    /// Index the search part again; decided again once the pages are
    /// produced (`Production::index_search`).
    Index,
}

/// What producing the outputs gave.
pub struct Produced {
    pub records: Records,
    /// Where the bytes rendered in this run are in the cache.
    pub blobs: HashMap<String, crate::cache::store::BlobRef>,
    pub rendered: usize,
    pub reused: usize,
    /// Paths written, for the cache's record of the output folder.
    pub written: Vec<String>,
    pub in_place: bool,
}

/// Where the produced files go: a fresh folder or an in-place update.
pub enum Target<'a> {
    Fresh(&'a crate::write::Staging),
    InPlace(&'a crate::write::in_place::InPlaceUpdate),
}

impl Target<'_> {
    fn sink(&self) -> &dyn Sink {
        match self {
            Target::Fresh(staging) => *staging,
            Target::InPlace(update) => *update,
        }
    }

    fn copy_in(&self, from: &Path, to: &str) -> Result<(), Diagnostic> {
        match self {
            Target::Fresh(staging) => staging.copy_in(from, to),
            Target::InPlace(update) => update.copy_in(from, to).map_err(|e| {
                Diagnostic::error("output.write", from, format!("cannot copy to /{to}: {e}"))
            }),
        }
    }

    /// The bytes an output path has in the target so far.
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        match self {
            Target::Fresh(staging) => std::fs::read(staging.path().join(path)),
            Target::InPlace(update) => update.read(path),
        }
    }
}

/// What producing the search index did.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchWork {
    /// Parts indexed in this run, and the pages they hold.
    pub indexed: usize,
    pub pages: usize,
    /// Parts kept or written from the cache.
    pub reused: usize,
}

/// The digest of every copied site file, by site-relative path, taken
/// from the cache where the file's stamp is unchanged.
pub fn file_digests(
    plan: &Plan,
    site: &Path,
    photos: &[crate::load::photos::SitePhoto],
    store: Option<&Store>,
    trusted_before_ns: i128,
) -> HashMap<String, (Option<FileStamp>, Digest)> {
    // Photos were read at load.
    let read: HashMap<&str, (Option<FileStamp>, Digest)> = photos
        .iter()
        .map(|p| (p.source.as_str(), (p.stamp, p.digest)))
        .collect();
    plan.outputs
        .par_iter()
        .filter_map(copied_from)
        .map(|source| {
            if let Some(known) = read.get(source) {
                return (source.to_string(), *known);
            }
            let path = site.join(source);
            let stamp = std::fs::metadata(&path)
                .ok()
                .and_then(|m| FileStamp::of(&m));
            let known = store.and_then(|s| s.index.files.get(source));
            let digest = match (known, stamp) {
                (Some(known), Some(stamp))
                    if known.stamp == stamp && stamp.modified_ns < trusted_before_ns =>
                {
                    known.digest
                }
                // A file that cannot be read fails when it is copied.
                _ => std::fs::read(&path).map_or(Digest::default(), |b| digest_bytes(&b)),
            };
            (source.to_string(), (stamp, digest))
        })
        .collect()
}

/// One production of the plan's outputs into a target: what was written,
/// the bytes kept in the cache, the links rendering resolved.
pub struct Production<'a> {
    plan: &'a Plan,
    store: Option<&'a Store>,
    target: &'a Target<'a>,
    progress: &'a crate::progress::FileProgress,
    pub decisions: Vec<Decision>,
    written: Mutex<Vec<String>>,
    blobs: Mutex<HashMap<String, BlobRef>>,
    links: Mutex<Vec<LinkRead>>,
    /// Outputs rendered (or indexed) in this run (plan indices), with the
    /// digests of their bytes.
    rendered: Mutex<Vec<(usize, Digest)>>,
    /// Files an update in place removes besides the outputs the plan no
    /// longer has: an older index's chunks in a part's folder.
    removes: Mutex<Vec<String>>,
    /// Whether records are kept (a cache, or serve).
    records_wanted: bool,
}

impl<'a> Production<'a> {
    /// Decides what to do for every output. `in_place` says whether the
    /// target updates the folder the cache last wrote (whose files may
    /// then be kept as they are).
    pub fn new(
        plan: &'a Plan,
        prints: &[Digest],
        store: Option<&'a Store>,
        output_root: &Path,
        target: &'a Target<'a>,
        progress: &'a crate::progress::FileProgress,
        records_wanted: bool,
    ) -> Production<'a> {
        let in_place = matches!(target, Target::InPlace(_));
        Production {
            decisions: decide(plan, prints, store, in_place.then_some(output_root)),
            plan,
            store,
            target,
            progress,
            written: Mutex::new(Vec::new()),
            blobs: Mutex::new(HashMap::default()),
            links: Mutex::new(Vec::new()),
            rendered: Mutex::new(Vec::new()),
            removes: Mutex::new(Vec::new()),
            records_wanted,
        }
    }

    fn note_written(&self, path: &str) {
        lock(&self.written).push(path.to_string());
        self.progress.tick();
    }

    /// Writes the outputs whose bytes the cache holds; returns the ones
    /// to render after all (a blob that cannot be read), with every
    /// output decided `Render`.
    pub fn write_from_cache(&self) -> (Vec<usize>, Vec<Diagnostic>) {
        let outcomes: Vec<Result<Option<usize>, Diagnostic>> =
            indices(&self.decisions, Decision::FromCache)
                .par_iter()
                .map(|&i| {
                    let output = &self.plan.outputs[i];
                    let bytes = self.store.and_then(|s| {
                        let blob = s.index.outputs.get(&output.path)?.blob?;
                        s.read(&blob)
                    });
                    let Some(bytes) = bytes else {
                        return Ok(Some(i));
                    };
                    self.target.sink().put(&output.path, &bytes).map_err(|e| {
                        Diagnostic::error(
                            "output.write",
                            &output.path,
                            format!("cannot write: {e}"),
                        )
                    })?;
                    self.note_written(&output.path);
                    Ok(None)
                })
                .collect();
        let mut to_render = indices(&self.decisions, Decision::Render);
        let mut problems = Vec::new();
        for outcome in outcomes {
            match outcome {
                Ok(Some(i)) => to_render.push(i),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        to_render.sort_unstable();
        (to_render, problems)
    }

    /// Renders `to_render` into the target, keeping the bytes in the
    /// cache.
    pub fn render(&self, renderer: &Renderer, to_render: &[usize]) -> Diagnostics {
        let outputs: Vec<&Output> = to_render.iter().map(|&i| &self.plan.outputs[i]).collect();
        let index_of: HashMap<&str, usize> = to_render
            .iter()
            .map(|&i| (self.plan.outputs[i].path.as_str(), i))
            .collect();
        renderer.render_each(&outputs, &|planned, produced| {
            let mut problems = produced.problems;
            if let Err(e) = self.target.sink().put(&planned.path, &produced.bytes) {
                problems.push(Diagnostic::error(
                    "output.write",
                    &planned.path,
                    format!("cannot write: {e}"),
                ));
                return problems;
            }
            self.note_written(&planned.path);
            lock(&self.links).extend(produced.links);
            // An output with warnings is rendered again next time, so that
            // every build reports them.
            if problems.is_empty() && self.records_wanted {
                let content = digest_bytes(&produced.bytes);
                lock(&self.rendered).push((index_of[planned.path.as_str()], content));
                if let Some(store) = self.store
                    && let Some(blob) = store.append_one(&produced.bytes, content)
                {
                    lock(&self.blobs).insert(planned.path.clone(), blob);
                }
            }
            problems
        })
    }

    /// Makes the photo versions among `jobs` (plan indices): each photo
    /// is read and decoded once for all its versions, photos in parallel.
    pub fn make_photos(
        &self,
        site: &Path,
        photos: &[crate::load::photos::SitePhoto],
        jobs: &[usize],
    ) -> Vec<Diagnostic> {
        let mut by_photo: std::collections::BTreeMap<
            usize,
            Vec<(usize, crate::photo::PhotoVersion)>,
        > = Default::default();
        for &i in jobs {
            if let crate::plan::Job::PhotoVersion { photo, version } = self.plan.outputs[i].job {
                by_photo.entry(photo).or_default().push((i, version));
            }
        }
        let groups: Vec<_> = by_photo.into_iter().collect();
        groups
            .par_iter()
            .filter_map(|(photo, versions)| {
                let source = &photos.get(*photo)?.source;
                let problem = |message: String| Diagnostic::error("photo.damaged", source, message);
                let bytes = match std::fs::read(site.join(source)) {
                    Ok(bytes) => bytes,
                    Err(e) => return Some(problem(format!("the photo cannot be read: {e}"))),
                };
                let wanted: Vec<crate::photo::PhotoVersion> =
                    versions.iter().map(|(_, v)| *v).collect();
                let made = match crate::photo::make_versions(&bytes, &wanted) {
                    Ok(made) => made,
                    Err(e) => {
                        return Some(Diagnostic::error(
                            e.code(),
                            source,
                            format!("the photo {}", e.message()),
                        ));
                    }
                };
                for ((i, _), bytes) in versions.iter().zip(made) {
                    let path = &self.plan.outputs[*i].path;
                    if let Err(e) = self.target.sink().put(path, &bytes) {
                        return Some(Diagnostic::error(
                            "output.write",
                            path,
                            format!("cannot write: {e}"),
                        ));
                    }
                    self.note_written(path);
                    if self.records_wanted {
                        let content = digest_bytes(&bytes);
                        lock(&self.rendered).push((*i, content));
                        if let Some(store) = self.store
                            && let Some(blob) = store.append_one(&bytes, content)
                        {
                            lock(&self.blobs).insert(path.clone(), blob);
                        }
                    }
                }
                None
            })
            .collect()
    }

    /// Copies the site files whose outputs are not in place already.
    pub fn copy(&self, site: &Path) -> Vec<Diagnostic> {
        indices(&self.decisions, Decision::Copy)
            .par_iter()
            .filter_map(|&i| {
                let output = &self.plan.outputs[i];
                let source = copied_from(output)?;
                match self.target.copy_in(&site.join(source), &output.path) {
                    Ok(()) => {
                        self.note_written(&output.path);
                        None
                    }
                    Err(problem) => Some(super::relative(problem, site)),
                }
            })
            .collect()
    }

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
                let bytes = bundle.encode();
                let content = digest_bytes(&bytes);
                lock(&this.rendered).push((i, content));
                if let Some(store) = this.store
                    && let Some(blob) = store.append_one(&bytes, content)
                {
                    lock(&this.blobs).insert(this.plan.outputs[i].path.clone(), blob);
                }
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
            self.target.sink().put(&path, bytes).map_err(|e| {
                Diagnostic::error("output.write", &path, format!("cannot write: {e}"))
            })?;
        }
        if in_place {
            lock(&self.removes).extend(crate::write::search::stale_files(
                output_root,
                folder,
                bundle,
            ));
        }
        self.note_written(&self.plan.outputs[i].path);
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
            Some(Decision::Render) => read(lock(&self.blobs).get(file).copied()),
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

    /// The links rendering resolved, by the page whose body held them.
    pub fn take_links(&self) -> Vec<LinkRead> {
        std::mem::take(&mut *lock(&self.links))
    }

    /// The records of every output, with `prints` taken after rendering
    /// (so that what is now known of the bodies' links is in them), and
    /// what the run did.
    pub fn finish(
        self,
        prints: &[Digest],
        files: &HashMap<String, (Option<FileStamp>, Digest)>,
        rendered_count: usize,
    ) -> Produced {
        let rendered = self
            .rendered
            .into_inner()
            .unwrap_or_else(|p| p.into_inner());
        let mut rendered_content: Vec<Option<Digest>> = vec![None; self.plan.outputs.len()];
        for &(i, content) in &rendered {
            rendered_content[i] = Some(content);
        }
        let records: Records = self
            .plan
            .outputs
            .par_iter()
            .zip(&self.decisions)
            .enumerate()
            .filter_map(|(i, (output, decision))| {
                let content = match rendered_content[i] {
                    Some(content) => content,
                    None => match copied_from(output) {
                        Some(source) => files.get(source)?.1,
                        None if matches!(decision, Decision::Keep | Decision::FromCache) => {
                            self.store?.index.outputs.get(&output.path)?.record.content
                        }
                        None => return None,
                    },
                };
                let record = OutputRecord {
                    fingerprint: prints[i],
                    content,
                };
                Some((output.path.clone(), record))
            })
            .collect();
        Produced {
            records,
            blobs: self.blobs.into_inner().unwrap_or_else(|p| p.into_inner()),
            rendered: rendered_count,
            reused: self.plan.outputs.len() - rendered_count,
            written: self.written.into_inner().unwrap_or_else(|p| p.into_inner()),
            in_place: matches!(self.target, Target::InPlace(_)),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// The pages whose bodies the outputs `to_render` show.
pub fn bodies_needed(plan: &Plan, to_render: &[usize]) -> Vec<crate::model::PageId> {
    to_render
        .iter()
        .flat_map(|&i| &plan.outputs[i].reads)
        .filter_map(|read| match read {
            crate::plan::Read::Page(id) => Some(*id),
            _ => None,
        })
        .collect()
}

fn indices(decisions: &[Decision], wanted: Decision) -> Vec<usize> {
    decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == wanted)
        .map(|(i, _)| i)
        .collect()
}

/// What to do for each output of the plan.
fn decide(
    plan: &Plan,
    prints: &[Digest],
    store: Option<&Store>,
    in_place_root: Option<&Path>,
) -> Vec<Decision> {
    let folder = in_place_root.map(StampsIn::open);
    plan.outputs
        .par_iter()
        .zip(prints)
        .map(|(output, print)| {
            let entry = store.and_then(|s| s.index.outputs.get(&output.path));
            let holds = still_holds(*print, entry.map(|e| &e.record));
            let copy = copied_from(output).is_some();
            if matches!(output.job, crate::plan::Job::SearchIndex(_)) {
                return Decision::Index;
            }
            match entry {
                Some(entry) if holds && on_disk(folder.as_ref(), output, entry) => Decision::Keep,
                _ if copy => Decision::Copy,
                Some(entry) if holds && entry.blob.is_some() => Decision::FromCache,
                _ => Decision::Render,
            }
        })
        .collect()
}

/// Whether the output folder being updated holds the file as the cache
/// last wrote it.
fn on_disk(folder: Option<&StampsIn>, output: &Output, entry: &OutputEntry) -> bool {
    let (Some(folder), Some(expected)) = (folder, entry.on_disk) else {
        return false;
    };
    folder.stamp(&output.path) == Some(expected)
}
