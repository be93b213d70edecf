//! Producing the plan's outputs with the cache: each output is kept as
//! it is in the output folder, written from the bytes the cache holds, or
//! rendered (copies are copied), whichever its fingerprint allows; then
//! written all or nothing — into a fresh folder swapped in, or, into the
//! folder the cache last wrote, as an in-place update of the files that
//! changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cache::record::{OutputRecord, Records, still_holds};
use crate::cache::store::{FileEntry, OutputEntry, SourceEntry, Store};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::digest::{Digest, digest_bytes};
use crate::link::LinkedSite;
use crate::model::FileStamp;
use crate::plan::{Output, Plan};
use crate::render::{Output as Sink, Renderer};

use super::copied_from;

/// What to do for one output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// The file in the output folder is already right.
    Keep,
    /// Write the bytes the cache holds.
    FromCache,
    Render,
    Copy,
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
}

/// The digest of every copied site file, by site-relative path, taken
/// from the cache where the file's stamp is unchanged.
pub fn file_digests(
    plan: &Plan,
    site: &Path,
    store: Option<&Store>,
    trusted_before_ns: i128,
) -> HashMap<String, (Option<FileStamp>, Digest)> {
    plan.outputs
        .par_iter()
        .filter_map(copied_from)
        .map(|source| {
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

/// Decides, renders and writes every output of the plan into `target`.
/// `in_place` says whether `target` updates the folder the cache last
/// wrote (whose files may then be kept).
#[allow(clippy::too_many_arguments)]
pub fn produce(
    renderer: &Renderer,
    plan: &Plan,
    prints: &[Digest],
    files: &HashMap<String, (Option<FileStamp>, Digest)>,
    store: Option<&Store>,
    output_root: &Path,
    site: &Path,
    target: &Target,
    progress: &crate::progress::FileProgress,
) -> (Produced, Diagnostics) {
    let linked = renderer.linked;
    let in_place = matches!(target, Target::InPlace(_));
    let decisions = decide(linked, plan, prints, store, in_place.then_some(output_root));
    let mut diagnostics = Diagnostics::new();
    let records = Mutex::new(Records::new());
    let blobs = Mutex::new(HashMap::new());
    let written = Mutex::new(Vec::new());
    let note_written = |path: &str| {
        written
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(path.to_string());
        progress.tick();
    };

    // From the cache; a blob that cannot be read is rendered instead.
    let from_cache: Vec<usize> = indices(&decisions, Decision::FromCache);
    let outcomes: Vec<Result<Option<usize>, Diagnostic>> = from_cache
        .par_iter()
        .map(|&i| {
            let output = &plan.outputs[i];
            let bytes = store
                .and_then(|s| s.index.outputs.get(&output.path).map(|e| (s, e)))
                .and_then(|(s, entry)| entry.blob.and_then(|blob| s.read(&blob)));
            let Some(bytes) = bytes else {
                return Ok(Some(i));
            };
            target.sink().put(&output.path, &bytes).map_err(|e| {
                Diagnostic::error("output.write", &output.path, format!("cannot write: {e}"))
            })?;
            note_written(&output.path);
            Ok(None)
        })
        .collect();
    let mut missed = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(Some(i)) => missed.push(i),
            Ok(None) => {}
            Err(problem) => diagnostics.push(problem),
        }
    }

    let mut to_render: Vec<&Output> = indices(&decisions, Decision::Render)
        .into_iter()
        .chain(missed)
        .map(|i| &plan.outputs[i])
        .collect();
    to_render.sort_by(|a, b| a.path.cmp(&b.path));
    let print_of: HashMap<&str, Digest> = plan
        .outputs
        .iter()
        .zip(prints)
        .map(|(o, p)| (o.path.as_str(), *p))
        .collect();
    diagnostics.extend(renderer.render_each(&to_render, &|planned, produced| {
        let mut problems = produced.problems.clone();
        if let Err(e) = target.sink().put(&planned.path, &produced.bytes) {
            problems.push(Diagnostic::error(
                "output.write",
                &planned.path,
                format!("cannot write: {e}"),
            ));
            return problems;
        }
        note_written(&planned.path);
        // An output with warnings is rendered again next time, so that
        // every build reports them.
        if problems.is_empty() {
            let fingerprint = print_of[planned.path.as_str()];
            let record = OutputRecord::new(fingerprint, linked, &produced);
            if let Some(store) = store
                && let Some(refs) = store.append(&[&produced.bytes])
            {
                blobs
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(planned.path.clone(), refs[0]);
            }
            records
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(planned.path.clone(), record);
        }
        problems
    }));

    let copy_problems: Vec<Diagnostic> = indices(&decisions, Decision::Copy)
        .par_iter()
        .filter_map(|&i| {
            let output = &plan.outputs[i];
            let source = copied_from(output)?;
            match target.copy_in(&site.join(source), &output.path) {
                Ok(()) => {
                    note_written(&output.path);
                    None
                }
                Err(problem) => Some(super::relative(problem, site)),
            }
        })
        .collect();
    diagnostics.extend(copy_problems);

    let mut records = records.into_inner().unwrap_or_else(|p| p.into_inner());
    // Outputs kept or written from the cache keep their records.
    if let Some(store) = store {
        for (output, decision) in plan.outputs.iter().zip(&decisions) {
            if matches!(decision, Decision::Keep | Decision::FromCache)
                && !records.contains_key(&output.path)
                && let Some(entry) = store.index.outputs.get(&output.path)
            {
                records.insert(output.path.clone(), entry.record.clone());
            }
        }
    }
    // Copies are recorded by their file's digest.
    for (output, print) in plan.outputs.iter().zip(prints) {
        if let Some(source) = copied_from(output)
            && let Some((_, digest)) = files.get(source)
        {
            records.insert(
                output.path.clone(),
                OutputRecord {
                    fingerprint: *print,
                    links: Vec::new(),
                    links_digest: Digest::default(),
                    content: *digest,
                    size: 0,
                },
            );
        }
    }
    let blobs = blobs.into_inner().unwrap_or_else(|p| p.into_inner());
    let rendered = to_render.len();
    let produced = Produced {
        records,
        blobs,
        rendered,
        reused: plan.outputs.len() - rendered,
        written: written.into_inner().unwrap_or_else(|p| p.into_inner()),
        in_place,
    };
    (produced, diagnostics)
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
    linked: &LinkedSite,
    plan: &Plan,
    prints: &[Digest],
    store: Option<&Store>,
    in_place_root: Option<&Path>,
) -> Vec<Decision> {
    plan.outputs
        .par_iter()
        .zip(prints)
        .map(|(output, print)| {
            let entry = store.and_then(|s| s.index.outputs.get(&output.path));
            let holds = still_holds(linked, *print, entry.map(|e| &e.record));
            let copy = copied_from(output).is_some();
            match entry {
                Some(entry) if holds && on_disk(in_place_root, output, entry) => Decision::Keep,
                _ if copy => Decision::Copy,
                Some(entry) if holds && entry.blob.is_some() => Decision::FromCache,
                _ => Decision::Render,
            }
        })
        .collect()
}

/// Whether the output folder being updated holds the file as the cache
/// last wrote it.
fn on_disk(root: Option<&Path>, output: &Output, entry: &OutputEntry) -> bool {
    let (Some(root), Some(expected)) = (root, entry.on_disk) else {
        return false;
    };
    std::fs::symlink_metadata(root.join(&output.path))
        .ok()
        .and_then(|m| FileStamp::of(&m))
        == Some(expected)
}

/// The stamps of the written files, once they are in the output folder.
pub fn stamps_of(root: &Path, paths: &[String]) -> HashMap<String, FileStamp> {
    paths
        .par_iter()
        .filter_map(|path| {
            let stamp = FileStamp::of(&std::fs::symlink_metadata(root.join(path)).ok()?)?;
            Some((path.clone(), stamp))
        })
        .collect()
}

/// Updates the cache's index after a build was written: the pages read,
/// the copied files, every output with its bytes and its file in the
/// output folder.
#[allow(clippy::too_many_arguments)]
pub fn record_build(
    store: &mut Store,
    linked: &LinkedSite,
    plan: &Plan,
    files: &HashMap<String, (Option<FileStamp>, Digest)>,
    produced: Produced,
    output_root: &Path,
    load_key: Digest,
) {
    let previous_sources = std::mem::take(&mut store.index.sources);
    let pages = &linked.site.content.pages;
    // Pages parsed in this run are kept for the next; the others keep
    // their blob.
    let fresh: Vec<(String, SourceEntry)> = pages
        .par_iter()
        .filter_map(|page| {
            let path = crate::diagnostics::display_path(&page.source);
            let stamp = page.stamp?;
            if let Some(known) = previous_sources.get(&path)
                && known.digest == page.source_digest
                && store.index.load_key == load_key
            {
                let mut entry = known.clone();
                entry.stamp = stamp;
                return Some((path, entry));
            }
            let bytes = postcard::to_stdvec(page).ok()?;
            let blob = store.append(&[&bytes])?.pop()?;
            Some((
                path,
                SourceEntry {
                    stamp,
                    digest: page.source_digest,
                    page: blob,
                },
            ))
        })
        .collect();
    store.index.sources = fresh.into_iter().collect();
    store.index.load_key = load_key;
    store.index.files = files
        .iter()
        .filter_map(|(path, (stamp, digest))| {
            Some((
                path.clone(),
                FileEntry {
                    stamp: (*stamp)?,
                    digest: *digest,
                },
            ))
        })
        .collect();
    let mut stamps = stamps_of(output_root, &produced.written);
    let mut previous_outputs = std::mem::take(&mut store.index.outputs);
    let mut outputs = HashMap::with_capacity(plan.outputs.len());
    for output in &plan.outputs {
        let Some(record) = produced.records.get(&output.path) else {
            continue;
        };
        let previous = previous_outputs.remove(&output.path);
        let blob = match produced.blobs.get(&output.path) {
            Some(blob) => Some(*blob),
            None => previous
                .as_ref()
                .filter(|p| p.record.content == record.content)
                .and_then(|p| p.blob),
        };
        let on_disk = match stamps.remove(&output.path) {
            Some(stamp) => Some(stamp),
            None if produced.in_place => previous.and_then(|p| p.on_disk),
            None => None,
        };
        outputs.insert(
            output.path.clone(),
            OutputEntry {
                record: record.clone(),
                blob,
                on_disk,
            },
        );
    }
    store.index.outputs = outputs;
    store.index.output_dir = Some(crate::diagnostics::display_path(output_root));
}

/// The paths the cache says are in the output folder that the plan no
/// longer has.
pub fn gone(store: &Store, plan: &Plan) -> Vec<String> {
    let planned: std::collections::HashSet<&str> =
        plan.outputs.iter().map(|o| o.path.as_str()).collect();
    let mut gone: Vec<String> = store
        .index
        .outputs
        .keys()
        .filter(|path| !planned.contains(path.as_str()))
        .cloned()
        .collect();
    gone.sort();
    gone
}

/// Where the output is, as the cache names it.
pub fn output_key(root: &Path) -> String {
    crate::diagnostics::display_path(root)
}

/// The canonical form of a folder that exists.
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
