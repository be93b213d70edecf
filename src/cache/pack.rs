//! Appending one build's blobs to the cache's pack. Blobs are gathered
//! into large chunks that one writer thread writes, on Linux past the
//! page cache (`O_DIRECT`) while it keeps up. An empty cache's build
//! keeps some 330 MB of rendered pages at 10,000 stories; copied into the
//! page cache, they are system time on the cores that render (`dd` here:
//! 0.08 to 0.8 s of it for 330 MB, depending on what the disk had just
//! been asked to do; written directly, 0.02 s), and the next build seldom
//! reads them back. Renderers only copy their bytes into the chunk being
//! filled, and the file system never has two writers to the pack.
//!
//! On Unix the pack is locked for the build, so that two builds sharing a
//! cache do not write over each other's blobs; the one that finds it
//! locked keeps none (its outputs are rendered again next time).

use std::collections::VecDeque;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::store::{PACK_FILE, PACK_MAGIC, read_at};

/// What direct I/O asks of a write's memory, place and length (the
/// largest logical block size in common use).
const ALIGN: usize = 4096;
/// A chunk's size: large writes, few of them.
const CHUNK: usize = 4 << 20;
/// Chunks with the writer at most; a renderer that fills one more waits.
const IN_FLIGHT: usize = 3;

/// The pack, opened for appending by one build.
pub(super) struct Appender {
    /// Opened without `O_DIRECT`, and locked: the pack's first bytes and
    /// each part chunk are written through it.
    file: fs::File,
    filling: Mutex<Filling>,
    to_writer: Option<SyncSender<Chunk>>,
    writer: Option<JoinHandle<()>>,
}

struct Filling {
    chunk: Chunk,
    /// Where the next blob goes.
    end: u64,
    /// Up to where the pack has been written through `flush`.
    flushed: u64,
    /// Chunks sent to the writer and not yet back.
    out: usize,
    spare: Vec<Chunk>,
    returned: Receiver<Chunk>,
}

/// A buffer of pack bytes whose first byte goes at `at` (a multiple of
/// `ALIGN`), itself aligned in memory when `skip` allows it.
struct Chunk {
    bytes: Vec<u8>,
    skip: usize,
    len: usize,
    at: u64,
}

impl Chunk {
    fn new(at: u64) -> Chunk {
        let bytes = vec![0; CHUNK + ALIGN];
        // Where the buffer cannot be aligned (`align_offset` may decline),
        // the writer writes it through the page cache.
        let skip = bytes.as_ptr().align_offset(ALIGN).min(ALIGN);
        Chunk {
            bytes,
            skip,
            len: 0,
            at,
        }
    }

    fn reused(mut self, at: u64) -> Chunk {
        self.len = 0;
        self.at = at;
        self
    }

    fn data(&self) -> &[u8] {
        &self.bytes[self.skip..self.skip + self.len]
    }

    fn room(&self) -> usize {
        CHUNK - self.len
    }

    fn push(&mut self, bytes: &[u8]) {
        let start = self.skip + self.len;
        self.bytes[start..start + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn aligned(&self) -> bool {
        self.bytes
            .as_ptr()
            .wrapping_add(self.skip)
            .align_offset(ALIGN)
            == 0
            && self.len.is_multiple_of(ALIGN)
            && self.at.is_multiple_of(ALIGN as u64)
    }
}

impl Appender {
    /// Opens the pack in `dir` for appending; `None` when it cannot be
    /// opened or another build holds it.
    pub(super) fn open(dir: &Path) -> Option<Appender> {
        Appender::open_with(dir, true)
    }

    /// `direct`: whether to write past the page cache where possible.
    fn open_with(dir: &Path, direct: bool) -> Option<Appender> {
        fs::create_dir_all(dir).ok()?;
        let path = dir.join(PACK_FILE);
        let mut file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .ok()?;
        // Advisory on Unix; elsewhere a lock would also stop this build's
        // own reads of the pack, so there is none.
        #[cfg(unix)]
        file.try_lock().ok()?;
        let mut end = file.metadata().ok()?.len();
        if end == 0 {
            file.write_all(PACK_MAGIC).ok()?;
            end = PACK_MAGIC.len() as u64;
        }
        // The first chunk starts at the last aligned place, with the bytes
        // already there: a chunk is always written whole.
        let start = end - end % ALIGN as u64;
        let mut chunk = Chunk::new(start);
        let head = usize::try_from(end - start).ok()?;
        chunk.len = head;
        let at = chunk.skip;
        read_at(&file, &mut chunk.bytes[at..at + head], start).ok()?;
        let direct = if direct { open_direct(&path) } else { None };
        let writing = file.try_clone().ok()?;
        let (to_writer, chunks) = sync_channel::<Chunk>(IN_FLIGHT);
        let (give_back, returned) = sync_channel::<Chunk>(IN_FLIGHT);
        let writer = std::thread::Builder::new()
            .name("warta-pack".into())
            .spawn(move || write_chunks(&chunks, &give_back, &writing, direct))
            .ok()?;
        Some(Appender {
            file,
            filling: Mutex::new(Filling {
                chunk,
                end,
                flushed: end,
                out: 0,
                spare: Vec::new(),
                returned,
            }),
            to_writer: Some(to_writer),
            writer: Some(writer),
        })
    }

    /// Appends `bytes`; where they are in the pack. Bytes the writer then
    /// fails to write fail their digest when read, and are a miss.
    pub(super) fn append(&self, bytes: &[u8]) -> u64 {
        let mut filling = lock(&self.filling);
        let offset = filling.end;
        let mut rest = bytes;
        while !rest.is_empty() {
            let n = rest.len().min(filling.chunk.room());
            filling.chunk.push(&rest[..n]);
            rest = &rest[n..];
            if filling.chunk.room() == 0 {
                self.send_full(&mut filling);
            }
        }
        filling.end += bytes.len() as u64;
        offset
    }

    /// Hands the full chunk to the writer and starts the next.
    fn send_full(&self, filling: &mut Filling) {
        let next_at = filling.chunk.at + CHUNK as u64;
        let next = if let Some(chunk) = filling.spare.pop() {
            chunk.reused(next_at)
        } else if let Ok(chunk) = filling.returned.try_recv() {
            filling.out -= 1;
            chunk.reused(next_at)
        } else if filling.out < IN_FLIGHT {
            Chunk::new(next_at)
        } else {
            match filling.returned.recv() {
                Ok(chunk) => {
                    filling.out -= 1;
                    chunk.reused(next_at)
                }
                Err(_) => Chunk::new(next_at),
            }
        };
        let full = std::mem::replace(&mut filling.chunk, next);
        let sent = self.to_writer.as_ref().map(|w| w.send(full));
        if let Some(Ok(())) = sent {
            filling.out += 1;
        }
    }

    /// Writes everything appended so far, so that it can be read.
    pub(super) fn flush(&self) {
        let mut filling = lock(&self.filling);
        if filling.out == 0 && filling.flushed == filling.end {
            return;
        }
        while filling.out > 0 {
            match filling.returned.recv() {
                Ok(chunk) => filling.spare.push(chunk),
                // The writer is gone: what it held is lost (a miss).
                Err(_) => break,
            }
            filling.out -= 1;
        }
        filling.out = 0;
        // The part chunk through the page cache; it stays in the chunk,
        // whose whole is written again once full.
        let _ = write_at(&self.file, filling.chunk.data(), filling.chunk.at);
        filling.flushed = filling.end;
    }
}

impl Drop for Appender {
    fn drop(&mut self) {
        drop(self.to_writer.take());
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

/// The writer thread: writes each chunk at its place, and gives the chunk
/// back. Directly while the file system takes that and the writer keeps
/// up: a chunk written while another waits goes through the page cache,
/// which takes it at once, so that on a slow disk the renderers do not
/// wait for it (written directly, 330 MB take a disk of 100 MB/s longer
/// than the whole build).
fn write_chunks(
    chunks: &Receiver<Chunk>,
    give_back: &SyncSender<Chunk>,
    file: &fs::File,
    mut direct: Option<fs::File>,
) {
    let mut pending = VecDeque::new();
    loop {
        if pending.is_empty() {
            match chunks.recv() {
                Ok(chunk) => pending.push_back(chunk),
                Err(_) => return,
            }
        }
        pending.extend(chunks.try_iter());
        let Some(chunk) = pending.pop_front() else {
            continue;
        };
        let behind = !pending.is_empty();
        let written_directly = match &direct {
            Some(direct_file) if !behind && chunk.aligned() => {
                let written = write_at(direct_file, chunk.data(), chunk.at).is_ok();
                if !written {
                    // A file system that refuses direct I/O (or its
                    // alignment) is written through the page cache from
                    // then on.
                    direct = None;
                }
                written
            }
            _ => false,
        };
        if !written_directly {
            let _ = write_at(file, chunk.data(), chunk.at);
        }
        if give_back.send(chunk).is_err() {
            return;
        }
    }
}

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let flag = rustix::fs::OFlags::DIRECT.bits();
    fs::OpenOptions::new()
        .write(true)
        .custom_flags(i32::try_from(flag).ok()?)
        .open(path)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> Option<fs::File> {
    None
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(unix)]
fn write_at(file: &fs::File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn write_at(file: &fs::File, mut bytes: &[u8], mut offset: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let written = std::os::windows::fs::FileExt::seek_write(file, bytes, offset)?;
        if written == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[written..];
        offset += written as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blobs of many sizes, some larger than a chunk, appended by two
    /// builds in turn (the second starting mid-block), each read back;
    /// a read between appends sees what came before it.
    #[test]
    fn blobs_across_chunks_and_builds_are_read_back() {
        for direct in [true, false] {
            blobs_read_back(direct);
        }
    }

    fn blobs_read_back(direct: bool) {
        let dir = tempfile::tempdir().unwrap();
        let blob = |n: usize| -> Vec<u8> {
            let len = match n % 4 {
                0 => 1,
                1 => 4093,
                2 => 70_001,
                _ => CHUNK + ALIGN + 3,
            };
            (0..len).map(|i| (i * 31 + n * 7) as u8).collect()
        };
        let mut kept = Vec::new();
        for build in 0..2 {
            let appender = Appender::open_with(dir.path(), direct).unwrap();
            for n in build * 12..build * 12 + 12 {
                let bytes = blob(n);
                kept.push((appender.append(&bytes), bytes));
                if n % 5 == 0 {
                    appender.flush();
                    let (at, bytes) = kept.last().unwrap();
                    let mut back = vec![0; bytes.len()];
                    read_at(&appender.file, &mut back, *at).unwrap();
                    assert!(back == *bytes, "blob {n}, read in the build");
                }
            }
            appender.flush();
        }
        let pack = fs::read(dir.path().join(PACK_FILE)).unwrap();
        assert!(pack.starts_with(PACK_MAGIC));
        let (last_at, last) = kept.last().unwrap();
        assert_eq!(pack.len() as u64, last_at + last.len() as u64);
        for (n, (at, bytes)) in kept.iter().enumerate() {
            let at = usize::try_from(*at).unwrap();
            assert!(pack[at..at + bytes.len()] == bytes[..], "blob {n}");
        }
    }
}
