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
use crate::render::{BodyRead, Output as Sink, Renderer};

use super::copied_from;

mod photos;
mod search;
pub use search::SearchWork;

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
    /// Where the bytes rendered in this run are in the cache, by plan
    /// index.
    pub blobs: Vec<Option<BlobRef>>,
    pub rendered: usize,
    /// Outputs copied from a source file in this run (static files,
    /// photos' originals): neither rendered nor taken from the cache.
    pub copied: usize,
    pub reused: usize,
    /// The files written, each with its stamp when writing gave it, for
    /// the cache's record of the output folder.
    pub written: Vec<(String, Option<FileStamp>)>,
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

    /// Writes one output; gives its file's stamp when known.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<Option<FileStamp>> {
        match self {
            Target::Fresh(staging) => staging.put_stamped(path, bytes),
            Target::InPlace(update) => update.put_stamped(path, bytes),
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
    written: Mutex<Vec<(String, Option<FileStamp>)>>,
    /// Where the bytes kept in this run are in the pack, by plan index.
    blobs: Mutex<Vec<Option<BlobRef>>>,
    links: Mutex<Vec<BodyRead>>,
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
            blobs: Mutex::new(vec![None; plan.outputs.len()]),
            links: Mutex::new(Vec::new()),
            rendered: Mutex::new(Vec::new()),
            removes: Mutex::new(Vec::new()),
            records_wanted,
        }
    }

    fn note_written(&self, path: &str, stamp: Option<FileStamp>) {
        lock(&self.written).push((path.to_string(), stamp));
        self.progress.tick();
    }

    /// Writes one output into the target and notes it.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let stamp = self
            .target
            .put(path, bytes)
            .map_err(|e| cannot_write(path, e))?;
        self.note_written(path, stamp);
        Ok(())
    }

    /// Notes output `i` as produced in this run, with its bytes, which the
    /// cache keeps.
    fn keep(&self, i: usize, bytes: &[u8]) {
        let content = digest_bytes(bytes);
        lock(&self.rendered).push((i, content));
        if let Some(store) = self.store
            && let Some(blob) = store.append(bytes, content)
        {
            lock(&self.blobs)[i] = Some(blob);
        }
    }

    /// Writes the outputs whose bytes the cache holds, read from the
    /// pack in runs; returns the ones to render after all (a blob that
    /// cannot be read), with every output decided `Render`.
    pub fn write_from_cache(&self) -> (Vec<usize>, Vec<Diagnostic>) {
        let mut to_render = indices(&self.decisions, Decision::Render);
        let mut problems = Vec::new();
        let mut from_cache = Vec::new();
        let mut blobs = Vec::new();
        for i in indices(&self.decisions, Decision::FromCache) {
            let path = &self.plan.outputs[i].path;
            match self.store.and_then(|s| s.index.outputs.get(path)?.blob) {
                Some(blob) => {
                    from_cache.push(i);
                    blobs.push(blob);
                }
                None => to_render.push(i),
            }
        }
        if let Some(store) = self.store {
            let outcomes = store.read_each(&blobs, |k, bytes| {
                let i = from_cache[k];
                match bytes {
                    Some(bytes) => self.write(&self.plan.outputs[i].path, bytes).map(|()| None),
                    None => Ok(Some(i)),
                }
            });
            for (_, outcome) in outcomes {
                match outcome {
                    Ok(Some(i)) => to_render.push(i),
                    Ok(None) => {}
                    Err(problem) => problems.push(problem),
                }
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
        renderer.render_each(&outputs, self.records_wanted, &|planned, produced| {
            let mut problems = produced.problems;
            if let Err(problem) = self.write(&planned.path, &produced.bytes) {
                problems.push(problem);
                return problems;
            }
            lock(&self.links).extend(produced.links);
            // An output with warnings is rendered again next time, so that
            // every build reports them.
            if problems.is_empty() && self.records_wanted {
                self.keep(index_of[planned.path.as_str()], &produced.bytes);
            }
            problems
        })
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
                        self.note_written(&output.path, None);
                        None
                    }
                    Err(problem) => Some(super::relative(problem, site)),
                }
            })
            .collect()
    }

    /// The links rendering resolved, by the page whose body held them.
    pub fn take_links(&self) -> Vec<BodyRead> {
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
        let copied = self
            .decisions
            .iter()
            .filter(|d| **d == Decision::Copy)
            .count();
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
            copied,
            reused: self.plan.outputs.len() - rendered_count - copied,
            written: self.written.into_inner().unwrap_or_else(|p| p.into_inner()),
            in_place: matches!(self.target, Target::InPlace(_)),
        }
    }
}

/// The problem of an output that could not be written.
fn cannot_write(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("output.write", path, format!("cannot write: {e}"))
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
