//! Reading many blobs of the pack in few reads: the blobs are sorted by
//! place and grouped into runs (neighbours less than `GAP` apart, up to
//! `RUN` bytes), and each run is read whole. A rebuild of 10,000 stories
//! decodes 20,000 kept pages (`Runs`, each run read by the first reader
//! that needs one of its blobs), and a build into an empty folder writes
//! 28,000 outputs from the cache (`read_each`, run by run); one read each
//! was a system call per blob, at 11 µs each on a 2-core VM, where a few
//! hundred reads of up to 1 MiB copy the same bytes.

use std::fs;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::store::{BlobRef, read_at};
use crate::digest::digest_bytes;

/// Bytes between two blobs read along with them rather than split into
/// two reads: about what one more system call costs to copy.
const GAP: u64 = 16 << 10;
/// A run's largest size, so that readers in parallel each read their own.
const RUN: u64 = 1 << 20;

/// The runs of one set of blobs, each read once when first needed.
pub struct Runs {
    pack: Option<fs::File>,
    /// Sorted by `start`; a blob is in the last run that starts at or
    /// before it.
    runs: Vec<Run>,
}

struct Run {
    start: u64,
    end: u64,
    /// `None` when the run could not be read: its blobs are misses.
    bytes: OnceLock<Option<Vec<u8>>>,
}

impl Runs {
    /// The runs covering `blobs`, to be read from `pack`.
    pub fn new(pack: Option<fs::File>, blobs: impl Iterator<Item = BlobRef>) -> Runs {
        let blobs: Vec<BlobRef> = blobs.collect();
        let runs = group(&blobs)
            .into_iter()
            .map(|(start, end, _)| Run {
                start,
                end,
                bytes: OnceLock::new(),
            })
            .collect();
        Runs { pack, runs }
    }

    /// A blob's bytes, if it is in one of the runs and the pack still
    /// holds it unchanged.
    pub fn get(&self, blob: &BlobRef) -> Option<&[u8]> {
        let end = blob.offset.checked_add(blob.len)?;
        // The last run starting at or before the blob.
        let at = self.runs.partition_point(|r| r.start <= blob.offset);
        let run = &self.runs[at.checked_sub(1)?];
        if end > run.end {
            return None;
        }
        let bytes = run
            .bytes
            .get_or_init(|| read_span(self.pack.as_ref()?, run.start, run.end))
            .as_ref()?;
        within(bytes, run.start, blob)
    }
}

/// Reads `blobs` from `pack` run by run, runs in parallel, and gives
/// each blob's bytes to `each` with its index in `blobs`: `None` when
/// they cannot be read or do not match the digest. A run's memory is
/// freed once its blobs are given: all the outputs of a site may be
/// read this way.
pub fn read_each<T: Send>(
    pack: Option<&fs::File>,
    blobs: &[BlobRef],
    each: impl Fn(usize, Option<&[u8]>) -> T + Sync,
) -> Vec<(usize, T)> {
    group(blobs)
        .into_par_iter()
        .flat_map_iter(|(start, end, members)| {
            let bytes = pack.and_then(|pack| read_span(pack, start, end));
            members
                .into_iter()
                .map(|i| {
                    let blob = &blobs[i];
                    let found = bytes.as_deref().and_then(|b| within(b, start, blob));
                    (i, each(i, found))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The pack's bytes from `start` to `end`, if it holds them.
pub(super) fn read_span(pack: &fs::File, start: u64, end: u64) -> Option<Vec<u8>> {
    let mut bytes = vec![0; usize::try_from(end.checked_sub(start)?).ok()?];
    read_at(pack, &mut bytes, start).ok()?;
    Some(bytes)
}

/// The blob's bytes in a run read from `start`, if they match.
fn within<'a>(run: &'a [u8], start: u64, blob: &BlobRef) -> Option<&'a [u8]> {
    let from = usize::try_from(blob.offset.checked_sub(start)?).ok()?;
    let bytes = run.get(from..from.checked_add(usize::try_from(blob.len).ok()?)?)?;
    (digest_bytes(bytes) == blob.digest).then_some(bytes)
}

/// The runs covering `blobs`: each run's first and end place, and the
/// blobs in it (indices into `blobs`).
fn group(blobs: &[BlobRef]) -> Vec<(u64, u64, Vec<usize>)> {
    let mut spans: Vec<(u64, u64, usize)> = blobs
        .iter()
        .enumerate()
        .map(|(i, b)| (b.offset, b.offset.saturating_add(b.len), i))
        .collect();
    spans.sort_unstable();
    let mut runs: Vec<(u64, u64, Vec<usize>)> = Vec::new();
    for (start, end, i) in spans {
        match runs.last_mut() {
            Some((first, last, members))
                if start <= last.saturating_add(GAP) && end.max(*last) - *first <= RUN =>
            {
                *last = (*last).max(end);
                members.push(i);
            }
            // Inside the last run (a blob asked for twice, or one in a
            // run already longer than `RUN`).
            Some((_, last, members)) if end <= *last => members.push(i),
            _ => runs.push((start, end, vec![i])),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A pack of three runs' length, its bytes varied by `step`.
    fn pack_file(step: usize) -> (Vec<u8>, fs::File) {
        let pack: Vec<u8> = (0..3 * RUN as usize)
            .map(|i| (i * step + i / 251) as u8)
            .collect();
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&pack).unwrap();
        (pack, file)
    }

    fn blob(pack: &[u8], offset: u64, len: u64) -> BlobRef {
        let at = offset as usize;
        BlobRef {
            offset,
            len,
            digest: digest_bytes(&pack[at..at + len as usize]),
        }
    }

    /// Blobs near each other, far apart, inside a run's limit and across
    /// it, and one asked for twice, are each read back as they are in the
    /// pack; a blob that was not announced, or whose bytes changed, is a
    /// miss.
    #[test]
    fn blobs_are_read_back_from_their_runs() {
        let (pack, file) = pack_file(7);
        let blobs = vec![
            blob(&pack, 10, 100),
            blob(&pack, 200, 50),
            blob(&pack, 200, 50),
            blob(&pack, 120, 30),
            blob(&pack, 10 + GAP + 200, 1000),
            blob(&pack, RUN - 100, 300),
            blob(&pack, RUN + 300, RUN - 1000),
            blob(&pack, 2 * RUN + 5, 4),
        ];
        let runs = Runs::new(Some(file.try_clone().unwrap()), blobs.iter().copied());
        assert!(runs.runs.len() >= 3, "{} runs", runs.runs.len());
        for b in &blobs {
            let at = b.offset as usize;
            assert_eq!(runs.get(b), Some(&pack[at..at + b.len as usize]));
        }
        let not_announced = blob(&pack, 2 * RUN + 100_000, 10);
        assert_eq!(runs.get(&not_announced), None);
        let mut damaged = blobs[0];
        damaged.digest = blob(&pack, 11, 100).digest;
        assert_eq!(runs.get(&damaged), None);
    }

    /// Every blob is given once, with its own bytes, whichever run it
    /// is read in; an empty one is given empty, a damaged one `None`.
    #[test]
    fn each_blob_is_given_its_bytes_once() {
        let (pack, file) = pack_file(13);
        let len = pack.len();
        let mut blobs: Vec<BlobRef> = (0..400u64)
            .map(|n| {
                blob(
                    &pack,
                    (n * 7919 * 13) % (len as u64 - 70_000),
                    n % 5 * 13_001,
                )
            })
            .collect();
        blobs.push(blob(&pack, 0, 2 * RUN));
        blobs.push(blobs[3]);
        let mut damaged = blob(&pack, 500, 10);
        damaged.digest = blob(&pack, 501, 10).digest;
        blobs.push(damaged);
        let mut given = read_each(Some(&file), &blobs, |i, bytes| {
            bytes.map(|b| b == &pack[blobs[i].offset as usize..][..blobs[i].len as usize])
        });
        given.sort_unstable_by_key(|(i, _)| *i);
        assert_eq!(given.len(), blobs.len());
        for (k, (i, matched)) in given.iter().enumerate() {
            assert_eq!(*i, k);
            let expected = if k == blobs.len() - 1 {
                None
            } else {
                Some(true)
            };
            assert_eq!(*matched, expected, "blob {k}");
        }
        let none = read_each(None, &blobs[..3], |_, bytes| bytes.is_none());
        assert!(none.iter().all(|(_, missed)| *missed) && none.len() == 3);
    }

    #[test]
    fn a_pack_that_cannot_be_read_gives_misses() {
        let pack = vec![1u8; 100];
        let short = tempfile::tempfile().unwrap();
        let b = blob(&pack, 10, 20);
        assert_eq!(Runs::new(Some(short), [b].into_iter()).get(&b), None);
        assert_eq!(Runs::new(None, [b].into_iter()).get(&b), None);
    }
}
