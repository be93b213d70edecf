//! The index's change log, `index.log` beside the index. A rebuild that
//! changed a few entries appends them as one frame instead of rewriting
//! the whole index: at 10,000 stories the index is some 12 MB, and
//! encoding and writing it was most of a small rebuild's cost.
//!
//! A frame names the index it follows (its generation) and carries its
//! own checksum. Opening the cache replays the frames in order and stops
//! at the first that is incomplete, damaged or follows another index, as a
//! build killed while writing leaves it; the next append overwrites that
//! tail. A lost frame costs renders, never wrong output: the outputs it
//! recorded are then not what the index says is on disk, and their
//! fingerprints decide again.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::store::{FileEntry, Index, OutputEntry, SourceEntry};
use crate::digest::{Digest, digest_bytes};
use crate::maps::HashMap;
use crate::plan::parts::MemoChange;

pub const LOG_FILE: &str = "index.log";

/// What one build changed in the index. `None` leaves a value as it was;
/// an entry set to `None` is removed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct IndexChange {
    pub sources: Vec<(String, Option<SourceEntry>)>,
    pub outputs: Vec<(String, Option<OutputEntry>)>,
    pub files: Option<HashMap<String, FileEntry>>,
    pub parts: Option<MemoChange>,
    pub load_key: Option<Digest>,
    pub output_dir: Option<Option<String>>,
    pub paths_checked: Option<Option<Digest>>,
}

impl IndexChange {
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.outputs.is_empty()
            && self.files.is_none()
            && self.parts.is_none()
            && self.load_key.is_none()
            && self.output_dir.is_none()
            && self.paths_checked.is_none()
    }

    /// Applies the change, which stays as it is (for the log).
    pub fn apply_to(&self, index: &mut Index) {
        self.clone().move_into(index);
    }

    /// Applies the change, moving its entries into `index`.
    pub fn move_into(self, index: &mut Index) {
        // The two large maps side by side: a first index moves 48,000
        // entries at 10,000 stories.
        let (sources, outputs) = (&mut index.sources, &mut index.outputs);
        rayon::join(
            || apply(sources, self.sources),
            || apply(outputs, self.outputs),
        );
        if let Some(files) = self.files {
            index.files = files;
        }
        if let Some(change) = &self.parts {
            index.parts.apply(change);
        }
        if let Some(load_key) = self.load_key {
            index.load_key = load_key;
        }
        if let Some(output_dir) = self.output_dir {
            index.output_dir = output_dir;
        }
        if let Some(paths_checked) = self.paths_checked {
            index.paths_checked = paths_checked;
        }
    }
}

/// Sets and removes the entries `changes` names.
fn apply<T>(map: &mut HashMap<String, T>, changes: Vec<(String, Option<T>)>) {
    if map.is_empty() {
        map.reserve(changes.len());
    }
    for (path, entry) in changes {
        match entry {
            Some(entry) => map.insert(path, entry),
            None => map.remove(&path),
        };
    }
}

/// One frame of the log.
#[derive(Serialize, Deserialize)]
struct Frame {
    /// The generation of the index the changes follow.
    generation: u64,
    written_ns: i128,
    live_bytes: u64,
    changes: Vec<IndexChange>,
}

/// Applies the frames of `dir`'s log that follow `index`; returns the
/// length of the log up to the last frame applied, where the next frame
/// goes.
pub fn replay(dir: &Path, index: &mut Index) -> u64 {
    let Ok(bytes) = fs::read(dir.join(LOG_FILE)) else {
        return 0;
    };
    let mut good = 0;
    let mut rest = &bytes[..];
    while let Some((frame, used)) = next_frame(rest) {
        if frame.generation != index.generation {
            break;
        }
        for change in frame.changes {
            change.move_into(index);
        }
        index.written_ns = frame.written_ns;
        index.live_bytes = frame.live_bytes;
        good += used;
        rest = &rest[used..];
    }
    good as u64
}

/// A frame is its length (4 bytes, little-endian), its payload and the
/// payload's digest.
fn next_frame(bytes: &[u8]) -> Option<(Frame, usize)> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let payload = bytes.get(4..4 + length)?;
    let checksum = bytes.get(4 + length..4 + length + 16)?;
    if digest_bytes(payload).0 != checksum {
        return None;
    }
    let frame = postcard::from_bytes(payload).ok()?;
    Some((frame, 4 + length + 16))
}

/// Writes `changes` as one frame at `at` (the end of the frames that
/// replay), after index `generation`. Returns the log's new length.
pub fn append(
    dir: &Path,
    at: u64,
    generation: u64,
    written_ns: i128,
    live_bytes: u64,
    changes: Vec<IndexChange>,
) -> io::Result<u64> {
    let frame = Frame {
        generation,
        written_ns,
        live_bytes,
        changes,
    };
    let payload = postcard::to_stdvec(&frame).map_err(|e| io::Error::other(e.to_string()))?;
    let length = u32::try_from(payload.len()).map_err(io::Error::other)?;
    let mut bytes = Vec::with_capacity(payload.len() + 20);
    bytes.extend_from_slice(&length.to_le_bytes());
    bytes.extend_from_slice(&payload);
    bytes.extend_from_slice(&digest_bytes(&payload).0);
    let mut file = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(dir.join(LOG_FILE))?;
    // Whatever a killed build left past the good frames goes.
    file.set_len(at)?;
    io::Seek::seek(&mut file, io::SeekFrom::Start(at))?;
    file.write_all(&bytes)?;
    Ok(at + bytes.len() as u64)
}

/// Removes the log, once a new index holds everything it said.
pub fn clear(dir: &Path) {
    let _ = fs::remove_file(dir.join(LOG_FILE));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::record::OutputRecord;
    use crate::cache::store::Store;

    fn output(n: u8) -> OutputEntry {
        OutputEntry {
            record: OutputRecord {
                fingerprint: Digest([n; 16]),
                content: Digest([n; 16]),
            },
            blob: None,
            on_disk: None,
        }
    }

    fn set(path: &str, n: u8) -> IndexChange {
        IndexChange {
            outputs: vec![(path.into(), Some(output(n)))],
            ..IndexChange::default()
        }
    }

    #[test]
    fn changes_are_logged_replayed_and_a_damaged_tail_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path(), "/site");
        store.change(set("a", 1));
        // An index large enough that a few frames stay under half of it.
        for n in 0..100 {
            store.change(set(&format!("page-{n}/index.html"), 9));
        }
        store.save().unwrap();
        let index_bytes = fs::read(dir.path().join("index")).unwrap();

        // A small change is a frame of the log; the index stays as it is.
        let (mut store, _) = Store::open(dir.path(), "/site");
        store.change(set("b", 2));
        store.change(IndexChange {
            outputs: vec![("a".into(), None)],
            ..IndexChange::default()
        });
        store.save().unwrap();
        assert_eq!(fs::read(dir.path().join("index")).unwrap(), index_bytes);
        let (store, warning) = Store::open(dir.path(), "/site");
        assert!(warning.is_none());
        assert_eq!(store.index.outputs.get("b"), Some(&output(2)));
        assert!(!store.index.outputs.contains_key("a"));
        drop(store);

        // A frame cut short by a kill is not replayed, and the next frame
        // takes its place.
        let log = dir.path().join(LOG_FILE);
        let good = fs::metadata(&log).unwrap().len();
        let (mut store, _) = Store::open(dir.path(), "/site");
        store.change(set("c", 3));
        store.save().unwrap();
        let full = fs::metadata(&log).unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(&log)
            .unwrap()
            .set_len(full - 5)
            .unwrap();
        let (mut store, _) = Store::open(dir.path(), "/site");
        assert!(!store.index.outputs.contains_key("c"));
        assert_eq!(store.index.outputs.get("b"), Some(&output(2)));
        store.change(set("d", 4));
        store.save().unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        assert_eq!(store.index.outputs.get("d"), Some(&output(4)));
        assert!(fs::metadata(&log).unwrap().len() > good);
    }

    #[test]
    fn a_log_that_follows_an_older_index_is_not_replayed() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        let (mut store, _) = Store::open(dir.path(), "/site");
        store.change(set("a", 1));
        store.save().unwrap();
        // Frames until the log outgrows half the index, which is then
        // written whole again and the log cleared.
        let first = fs::read(&index).unwrap();
        let mut stale_log = Vec::new();
        for n in 2..20 {
            let (mut store, _) = Store::open(dir.path(), "/site");
            store.change(set("a", n));
            store.save().unwrap();
            if fs::read(&index).unwrap() != first {
                break;
            }
            stale_log = fs::read(dir.path().join(LOG_FILE)).unwrap();
        }
        assert!(!dir.path().join(LOG_FILE).exists(), "the log is cleared");
        let (store, _) = Store::open(dir.path(), "/site");
        let whole = store.index.outputs.get("a").cloned();
        drop(store);
        // As a build killed before it cleared the log leaves it.
        fs::write(dir.path().join(LOG_FILE), stale_log).unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        assert_eq!(store.index.outputs.get("a").cloned(), whole);
    }
}
