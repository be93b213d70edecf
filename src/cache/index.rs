//! The cache's index: what the last build read (the pages, the copied
//! files) and wrote (the outputs, with their bytes in the pack), and its
//! file. The file is `MAGIC`, the payload and the payload's checksum, so
//! that a truncated or damaged index is known as such; the pages and the
//! outputs, most of it, are encoded and decoded side by side.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::record::OutputRecord;
use crate::digest::{Digest, digest_bytes};
use crate::maps::HashMap;
use crate::model::FileStamp;
use crate::plan::parts::{BUILD_ID, PartsMemo};

/// The first bytes of the index file, with the layout's version.
pub(super) const MAGIC: &[u8] = b"warta-cache 1\n";

/// Where a blob is in the pack, and what it must hash to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct BlobRef {
    pub offset: u64,
    pub len: u64,
    pub digest: Digest,
}

/// A content file as the last build read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    pub stamp: FileStamp,
    pub digest: Digest,
    /// The page as parsed, without its body.
    pub page: BlobRef,
    /// The link destinations its body held when last rendered.
    pub links: crate::plan::Dests,
}

/// A copied site file (static/, templates/, content assets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub stamp: FileStamp,
    pub digest: Digest,
    /// What the file is when it is a photo that can be published.
    pub photo: Option<crate::photo::Photo>,
}

/// One output as the last build left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputEntry {
    pub record: OutputRecord,
    /// Its bytes, for outputs that are rendered (copies are not kept).
    pub blob: Option<BlobRef>,
    /// The file in the output folder when it was written.
    pub on_disk: Option<FileStamp>,
}

/// Everything the index file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    pub build_id: String,
    /// The site folder, canonical.
    pub site: String,
    /// What decides how content files are read (site.yaml, --drafts,
    /// --base-url): pages are reused only under the same.
    pub load_key: Digest,
    /// Encoded apart, beside `outputs` (`write_index`).
    #[serde(skip)]
    pub sources: HashMap<String, SourceEntry>,
    pub files: HashMap<String, FileEntry>,
    #[serde(skip)]
    pub outputs: HashMap<String, OutputEntry>,
    /// The output folder the outputs were last written to, canonical.
    pub output_dir: Option<String>,
    /// When this index was written (nanoseconds since the epoch).
    pub written_ns: i128,
    /// Bytes of the pack that entries refer to.
    pub live_bytes: u64,
    /// The digests of the pages' parts, for the next build's plan.
    pub parts: PartsMemo,
    /// The digest of the output paths of the last build, which had no
    /// path problem.
    pub paths_checked: Option<Digest>,
    /// Which writing of the index this is: the log's frames name it.
    pub generation: u64,
}

/// Writes the index file: `MAGIC`, the payload, and the payload's
/// digest. The payload is the index's other fields (the build id first),
/// then the pages, the outputs, and the length of the encoded pages (8
/// bytes, little-endian), by which the two large maps are decoded side by
/// side. The index is encoded straight into the file: into one buffer, it
/// took twice as long at 10,000 stories (12 MB), most of it the fresh
/// memory the buffer grew into. The outputs (a quarter of it) are encoded
/// meanwhile on another thread, into a buffer: 16 to 13 ms.
pub(super) fn write_index(index: &Index, path: &Path) -> std::io::Result<()> {
    let encoded = |e: postcard::Error| std::io::Error::other(e.to_string());
    let (streamed, outputs) = rayon::join(
        || -> std::io::Result<_> {
            let mut file = fs::File::create(path)?;
            file.write_all(MAGIC)?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, Checksummed::new(file));
            let at = |out: &std::io::BufWriter<Checksummed>| {
                out.get_ref().len + out.buffer().len() as u64
            };
            postcard::to_io(index, &mut out).map_err(encoded)?;
            let sources_start = at(&out);
            postcard::to_io(&index.sources, &mut out).map_err(encoded)?;
            let sources_len = at(&out) - sources_start;
            Ok((out, sources_len))
        },
        || postcard::to_allocvec(&index.outputs).map_err(encoded),
    );
    let (mut out, sources_len) = streamed?;
    out.write_all(&outputs?)?;
    out.write_all(&sources_len.to_le_bytes())?;
    let checked = out.into_inner().map_err(|e| e.into_error())?;
    let digest = checked.hasher.finish_128().to_le_bytes();
    let mut file = checked.file;
    file.write_all(&digest)
}

/// A file that hashes what is written to it.
struct Checksummed {
    file: fs::File,
    hasher: twox_hash::XxHash3_128,
    len: u64,
}

impl Checksummed {
    fn new(file: fs::File) -> Checksummed {
        Checksummed {
            file,
            hasher: twox_hash::XxHash3_128::new(),
            len: 0,
        }
    }
}

impl Write for Checksummed {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.file.write(bytes)?;
        self.hasher.write(&bytes[..written]);
        self.len += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

pub(super) fn decode(bytes: &[u8]) -> Result<Index, &'static str> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or("it is not a warta cache of this version")?;
    if rest.len() < 16 {
        return Err("it is truncated");
    }
    let (payload, checksum) = rest.split_at(rest.len() - 16);
    if digest_bytes(payload).0 != checksum {
        return Err("it is damaged or truncated");
    }
    // The build id comes first, so that an index of another layout, from
    // another version, is named as such and not as damaged.
    match postcard::take_from_bytes::<String>(payload) {
        Ok((build_id, _)) if build_id != BUILD_ID => {
            return Err(ANOTHER_VERSION);
        }
        _ => {}
    }
    let damaged = "it is damaged";
    let (mut index, rest) = postcard::take_from_bytes::<Index>(payload).map_err(|_| damaged)?;
    let (maps, sources_len) = rest
        .split_at_checked(rest.len().checked_sub(8).ok_or(damaged)?)
        .ok_or(damaged)?;
    let sources_len = u64::from_le_bytes(sources_len.try_into().map_err(|_| damaged)?);
    let (sources, outputs) = maps
        .split_at_checked(usize::try_from(sources_len).map_err(|_| damaged)?)
        .ok_or(damaged)?;
    let (sources, outputs) = rayon::join(
        || postcard::from_bytes(sources),
        || postcard::from_bytes(outputs),
    );
    index.sources = sources.map_err(|_| damaged)?;
    index.outputs = outputs.map_err(|_| damaged)?;
    Ok(index)
}

pub(super) const ANOTHER_VERSION: &str = "it was written by another version of warta";
