//! The cache on disk, `<site>/.warta-cache/` by default: an index of what
//! the last build read and wrote, and a pack file of the bytes it
//! rendered and the pages it parsed. The index is replaced atomically
//! (written beside, then renamed) and carries its own checksum; every blob
//! carries its digest, checked when read. A cache that is damaged, from
//! another build of warta or from another site is ignored with one
//! warning; a blob that does not match its digest is a miss, never used.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::index::{ANOTHER_VERSION, decode, write_index};
pub use super::index::{BlobRef, FileEntry, Index, OutputEntry, SourceEntry};
use super::log::{self, IndexChange};
use super::pack::Appender;
use crate::diagnostics::Diagnostic;
use crate::digest::{Digest, digest_bytes};
use crate::plan::parts::BUILD_ID;

pub const INDEX_FILE: &str = "index";
pub const PACK_FILE: &str = "blobs.pack";
/// The first bytes of the pack: a folder holding a pack and no index (a
/// first build failed) is known as a cache by them.
pub const PACK_MAGIC: &[u8] = b"warta-pack 1\n";

/// The index as it is on disk: which generation, how long, and where the
/// log's next frame goes.
struct OnDisk {
    generation: u64,
    index_len: u64,
    log_len: u64,
}

/// An open cache. Blobs may be read and appended from several threads.
pub struct Store {
    dir: PathBuf,
    pub index: Index,
    /// The pack for reading, opened once.
    reader: Option<fs::File>,
    /// The pack for appending, opened at the first blob; `None` when it
    /// cannot be (the blobs are then not kept).
    appender: OnceLock<Option<Appender>>,
    /// The index on disk, when this store read or wrote one.
    on_disk: Option<OnDisk>,
    /// Changes not yet on disk.
    pending: Vec<IndexChange>,
}

impl Store {
    /// Opens the cache in `dir` for `site`, or starts an empty one. A
    /// cache that cannot be trusted is set aside with one warning.
    pub fn open(dir: &Path, site: &str) -> (Store, Option<Diagnostic>) {
        let mut store = Store {
            dir: dir.to_path_buf(),
            index: Index {
                build_id: BUILD_ID.to_string(),
                site: site.to_string(),
                ..Index::default()
            },
            reader: None,
            appender: OnceLock::new(),
            on_disk: None,
            pending: Vec::new(),
        };
        let index_path = dir.join(INDEX_FILE);
        let bytes = match fs::read(&index_path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (store, None),
            Err(e) => {
                return (
                    store,
                    Some(ignored(dir, &format!("it cannot be read: {e}"))),
                );
            }
        };
        let mut index = match decode(&bytes) {
            Ok(index) => index,
            Err(why) => return (store, Some(ignored(dir, why))),
        };
        if index.build_id != BUILD_ID {
            return (store, Some(ignored(dir, ANOTHER_VERSION)));
        }
        if index.site != site {
            return (
                store,
                Some(ignored(
                    dir,
                    &format!("it belongs to the site in {}", index.site),
                )),
            );
        }
        let log_len = log::replay(dir, &mut index);
        store.on_disk = Some(OnDisk {
            generation: index.generation,
            index_len: bytes.len() as u64,
            log_len,
        });
        store.index = index;
        store.reader = fs::File::open(dir.join(PACK_FILE)).ok();
        (store, None)
    }

    /// Applies what a build changed to the index; `save` writes it.
    pub fn change(&mut self, change: IndexChange) {
        if change.is_empty() {
            return;
        }
        // Changes are logged only for an index already on disk; the first
        // index is written whole, and its change is moved in.
        if self.on_disk.is_some() {
            change.apply_to(&mut self.index);
            self.pending.push(change);
        } else {
            change.move_into(&mut self.index);
        }
    }

    /// The bytes of a blob, if the pack still holds them unchanged.
    pub fn read(&self, blob: &BlobRef) -> Option<Vec<u8>> {
        // A blob of this build may still be waiting to be written.
        if let Some(Some(appender)) = self.appender.get() {
            appender.flush();
        }
        read_blob(self.reader.as_ref()?, blob)
    }

    /// Reads many blobs in runs (`runs::read_each`): gives each its
    /// bytes, or `None` where the pack does not hold them unchanged.
    pub fn read_each<T: Send>(
        &self,
        blobs: &[BlobRef],
        each: impl Fn(usize, Option<&[u8]>) -> T + Sync,
    ) -> Vec<(usize, T)> {
        if let Some(Some(appender)) = self.appender.get() {
            appender.flush();
        }
        super::runs::read_each(self.reader.as_ref(), blobs, each)
    }

    /// Reads the parsed pages the last build kept, for `load`, which is
    /// not handed the store: in runs (`runs`), as load first needs each.
    pub fn page_reader(&self) -> crate::load::PageReader {
        let pack = self.reader.as_ref().and_then(|f| f.try_clone().ok());
        let runs = super::runs::Runs::new(pack, self.index.sources.values().map(|s| s.page));
        Box::new(move |blob: &BlobRef| postcard::from_bytes(runs.get(blob)?).ok())
    }

    /// Appends one blob whose digest is known; where it is, unless it
    /// cannot be kept.
    pub fn append(&self, bytes: &[u8], digest: Digest) -> Option<BlobRef> {
        let appender = self
            .appender
            .get_or_init(|| Appender::open(&self.dir))
            .as_ref()?;
        Some(BlobRef {
            offset: appender.append(bytes),
            len: bytes.len() as u64,
            digest,
        })
    }

    /// Writes what changed: as a frame of the log while the log is
    /// smaller than half the index, else the whole index (beside, then
    /// renamed over the old one). When less than half of the pack is
    /// still referred to, the live blobs are first copied into a new pack,
    /// and the index is written whole.
    pub fn save(mut self) -> std::io::Result<()> {
        let saved = self.write_changes();
        // The index is some 100,000 allocations at 10,000 stories: freed
        // on another thread, which a command about to exit need not wait
        // for.
        crate::build::free_in_background(self);
        saved
    }

    fn write_changes(&mut self) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        // The pack is not synced: after a crash, a blob the index names
        // but the disk lost fails its digest and is a miss.
        // Closed (and its lock released) before the pack is measured or
        // compacted.
        if let Some(Some(appender)) = self.appender.take() {
            appender.flush();
        }
        let live_bytes = self.live_bytes();
        let pack_len = fs::metadata(self.dir.join(PACK_FILE)).map_or(0, |m| m.len());
        let compact = pack_len > 64 * 1024 * 1024 && live_bytes * 2 < pack_len;
        if !compact && let Some(on_disk) = &self.on_disk {
            if self.pending.is_empty() {
                return Ok(());
            }
            if on_disk.log_len < on_disk.index_len / 2 {
                let changes = std::mem::take(&mut self.pending);
                log::append(
                    &self.dir,
                    on_disk.log_len,
                    on_disk.generation,
                    now_ns(),
                    live_bytes,
                    changes,
                )?;
                return Ok(());
            }
        }
        self.index.live_bytes = live_bytes;
        if compact {
            self.compact()?;
            self.index.live_bytes = self.live_bytes();
        }
        self.index.written_ns = now_ns();
        // Any number that differs from the last: a log left by a build
        // killed before it cleared the log is then not replayed.
        let previous = self
            .on_disk
            .as_ref()
            .map_or(self.index.generation, |d| d.generation);
        self.index.generation =
            (self.index.written_ns as u64 ^ u64::from(std::process::id()) << 32).max(previous + 1);
        let temporary = self
            .dir
            .join(format!("{INDEX_FILE}.tmp-{}", std::process::id()));
        // Not synced either: an index a crash truncated fails its checksum,
        // and the cache is ignored with a warning.
        write_index(&self.index, &temporary)?;
        fs::rename(&temporary, self.dir.join(INDEX_FILE))?;
        log::clear(&self.dir);
        Ok(())
    }

    fn live_bytes(&self) -> u64 {
        let index = &self.index;
        index.sources.values().map(|s| s.page.len).sum::<u64>()
            + index
                .outputs
                .values()
                .filter_map(|o| o.blob.map(|b| b.len))
                .sum::<u64>()
    }

    /// Copies the live blobs into a new pack and points the index at it.
    fn compact(&mut self) -> std::io::Result<()> {
        if let Some(Some(appender)) = self.appender.get() {
            appender.flush();
        }
        let old = fs::File::open(self.dir.join(PACK_FILE))?;
        let temporary = self
            .dir
            .join(format!("{PACK_FILE}.tmp-{}", std::process::id()));
        let mut pack = std::io::BufWriter::new(fs::File::create(&temporary)?);
        pack.write_all(PACK_MAGIC)?;
        let mut length = PACK_MAGIC.len() as u64;
        let mut buffer = Vec::new();
        // A blob that cannot be read whole and right is dropped: its page
        // is read again, its output rendered again.
        let mut moved = |blob: &mut BlobRef| -> std::io::Result<bool> {
            buffer.resize(usize::try_from(blob.len).unwrap_or(0), 0);
            if read_at(&old, &mut buffer, blob.offset).is_err()
                || digest_bytes(&buffer) != blob.digest
            {
                return Ok(false);
            }
            pack.write_all(&buffer)?;
            blob.offset = length;
            length += blob.len;
            Ok(true)
        };
        let mut lost_sources = Vec::new();
        for (path, source) in self.index.sources.iter_mut() {
            if !moved(&mut source.page)? {
                lost_sources.push(path.clone());
            }
        }
        for output in self.index.outputs.values_mut() {
            if let Some(blob) = output.blob.as_mut()
                && !moved(blob)?
            {
                output.blob = None;
            }
        }
        for path in lost_sources {
            self.index.sources.remove(&path);
        }
        pack.into_inner().map_err(|e| e.into_error())?.sync_data()?;
        // The old index refers to the old pack: a kill between this rename
        // and the index's leaves blobs whose digests no longer match,
        // which are misses, not wrong output.
        fs::rename(&temporary, self.dir.join(PACK_FILE))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// A blob's bytes, if the pack still holds them unchanged.
fn read_blob(pack: &fs::File, blob: &BlobRef) -> Option<Vec<u8>> {
    let bytes = super::runs::read_span(pack, blob.offset, blob.offset.checked_add(blob.len)?)?;
    (digest_bytes(&bytes) == blob.digest).then_some(bytes)
}

#[cfg(unix)]
pub(super) fn read_at(file: &fs::File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(not(unix))]
pub(super) fn read_at(file: &fs::File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file.try_clone()?;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(bytes)
}

/// Sets an untrusted cache aside: its pack is removed, so that the new
/// cache does not grow on the old one's bytes.
fn ignored(dir: &Path, why: &str) -> Diagnostic {
    let _ = fs::remove_file(dir.join(PACK_FILE));
    Diagnostic::warning(
        "cache.ignored",
        dir,
        format!(
            "the cache was ignored because {why}; this build renders everything and writes a new cache"
        ),
    )
}

pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

#[cfg(test)]
mod tests {
    use super::super::index::MAGIC;
    use super::*;
    use crate::cache::record::OutputRecord;

    #[test]
    fn blobs_survive_a_round_trip_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, warning) = Store::open(dir.path(), "/site");
        assert!(warning.is_none());
        let refs: Vec<BlobRef> = [&b"one"[..], b"two"]
            .iter()
            .map(|b| store.append(b, digest_bytes(b)).unwrap())
            .collect();
        store.index.outputs.insert(
            "a.html".into(),
            OutputEntry {
                record: OutputRecord {
                    fingerprint: Digest::default(),
                    content: refs[1].digest,
                },
                blob: Some(refs[1]),
                on_disk: None,
            },
        );
        store.save().unwrap();
        let (store, warning) = Store::open(dir.path(), "/site");
        assert!(warning.is_none(), "{warning:?}");
        let blob = store.index.outputs["a.html"].blob.unwrap();
        assert_eq!(store.read(&blob).unwrap(), b"two");
        let mut wrong = blob;
        wrong.offset = 0;
        assert!(store.read(&wrong).is_none(), "a blob must match its digest");
    }

    #[test]
    fn blobs_follow_one_another_and_an_empty_one_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        let blobs = [&b"zero"[..], b"", b"two"];
        let refs: Vec<BlobRef> = blobs
            .iter()
            .map(|b| store.append(b, digest_bytes(b)).unwrap())
            .collect();
        assert_eq!(refs[0].offset, PACK_MAGIC.len() as u64);
        assert_eq!(refs[1].offset, refs[0].offset + 4);
        assert_eq!(refs[2].offset, refs[1].offset);
        // Blobs are read by a later build.
        store.save().unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        for (blob, at) in blobs.iter().zip(&refs) {
            assert_eq!(store.read(at).unwrap(), *blob);
        }
    }

    #[test]
    fn blobs_appended_from_several_threads_are_each_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        let blobs: Vec<Vec<u8>> = (0..200)
            .map(|n| format!("halaman {n} ").repeat(n % 7 + 1).into_bytes())
            .collect();
        let refs: Vec<BlobRef> = std::thread::scope(|scope| {
            let handles: Vec<_> = blobs
                .chunks(50)
                .map(|chunk| {
                    let store = &store;
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .map(|b| store.append(b, digest_bytes(b)).unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        store.save().unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        for (blob, at) in blobs.iter().zip(&refs) {
            assert_eq!(store.read(at).as_deref(), Some(&blob[..]));
        }
        let end = refs.iter().map(|r| r.offset + r.len).max().unwrap();
        assert_eq!(fs::metadata(dir.path().join(PACK_FILE)).unwrap().len(), end);
    }

    #[cfg(unix)]
    #[test]
    fn a_pack_another_build_is_appending_to_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = Store::open(dir.path(), "/site");
        let kept = first.append(b"satu", digest_bytes(b"satu")).unwrap();
        let (second, _) = Store::open(dir.path(), "/site");
        assert_eq!(second.append(b"dua", digest_bytes(b"dua")), None);
        first.save().unwrap();
        // Once the first build is done, the next one appends.
        let (third, _) = Store::open(dir.path(), "/site");
        let after = third.append(b"tiga", digest_bytes(b"tiga")).unwrap();
        assert_eq!(after.offset, kept.offset + kept.len);
        assert_eq!(third.read(&kept).unwrap(), b"satu");
    }

    #[test]
    fn compaction_keeps_the_live_blobs_and_drops_damaged_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path(), "/site");
        let refs: Vec<BlobRef> = [&b"dead"[..], b"alive", b"dead too"]
            .iter()
            .map(|b| store.append(b, digest_bytes(b)).unwrap())
            .collect();
        let entry = |blob| OutputEntry {
            record: OutputRecord {
                fingerprint: Digest::default(),
                content: Digest::default(),
            },
            blob: Some(blob),
            on_disk: None,
        };
        store.index.outputs.insert("a".into(), entry(refs[1]));
        let mut wrong = refs[2];
        wrong.digest = refs[0].digest;
        store.index.outputs.insert("b".into(), entry(wrong));
        store.compact().unwrap();
        assert_eq!(
            fs::metadata(dir.path().join(PACK_FILE)).unwrap().len(),
            PACK_MAGIC.len() as u64 + 5
        );
        assert!(store.index.outputs["b"].blob.is_none());
        store.save().unwrap();
        let (store, warning) = Store::open(dir.path(), "/site");
        assert!(warning.is_none());
        let blob = store.index.outputs["a"].blob.unwrap();
        assert_eq!(store.read(&blob).unwrap(), b"alive");
    }

    #[test]
    fn an_untrusted_cache_is_ignored_with_one_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path(), "/site");
        store.save().unwrap();
        let (_, warning) = Store::open(dir.path(), "/other-site");
        assert!(
            warning
                .unwrap()
                .message
                .contains("belongs to the site in /site")
        );
        let index = dir.path().join(INDEX_FILE);
        let mut bytes = fs::read(&index).unwrap();
        bytes.truncate(bytes.len() - 3);
        fs::write(&index, &bytes).unwrap();
        let (store, warning) = Store::open(dir.path(), "/site");
        assert!(warning.unwrap().message.contains("damaged or truncated"));
        assert!(store.index.outputs.is_empty());
        fs::write(&index, b"garbage").unwrap();
        let (_, warning) = Store::open(dir.path(), "/site");
        assert!(warning.unwrap().message.contains("not a warta cache"));
        // An index of another layout, from another version: its build id
        // is read first.
        let mut payload = postcard::to_allocvec("another build").unwrap();
        payload.extend_from_slice(&[0xff; 7]);
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&payload);
        bytes.extend_from_slice(&digest_bytes(&payload).0);
        fs::write(&index, &bytes).unwrap();
        let (_, warning) = Store::open(dir.path(), "/site");
        assert!(
            warning
                .unwrap()
                .message
                .contains("another version of warta")
        );
    }
}
