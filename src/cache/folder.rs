//! Where the cache may live: a folder of its own, never among the site's
//! sources or in its output.

use std::fs;
use std::path::Path;

use super::log::LOG_FILE;
use super::store::{INDEX_FILE, PACK_FILE, PACK_MAGIC};

/// Whether `dir` may hold the cache of `site` building into `output`:
/// never inside the site's sources, the output or the site folder itself
/// (the cache's files would be published or read as content), and never a
/// folder of other files (the cache replaces its `index` and `blobs.pack`).
pub fn check_dir(dir: &Path, site: &Path, output: &Path) -> Result<(), String> {
    use crate::write::absolute;
    let (dir_abs, site_abs, output_abs) = (absolute(dir), absolute(site), absolute(output));
    let inside_sources = crate::layout::SOURCE_DIRS
        .iter()
        .any(|d| dir_abs.starts_with(site_abs.join(d)));
    if dir_abs == site_abs
        || site_abs.starts_with(&dir_abs)
        || inside_sources
        || dir_abs.starts_with(&output_abs)
        || output_abs.starts_with(&dir_abs)
    {
        return Err(format!(
            "--cache {} would mix the cache with the site's files or its output; choose a folder of its own, such as {}",
            dir.display(),
            crate::layout::CACHE_DIR
        ));
    }
    if dir.is_file() {
        return Err(format!("--cache {} is a file, not a folder", dir.display()));
    }
    match fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read the cache folder: {e}")),
        Ok(entries) => {
            // Only the index's first bytes: the whole of it is read once,
            // when the cache is opened.
            let ours = starts_with(&dir.join(INDEX_FILE), b"warta-cache ");
            let names: Vec<String> = entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            // A first build that failed leaves a pack and no index: a
            // folder of only that pack (and the cache's temporary files)
            // is the cache's.
            let pack_alone = !names.iter().any(|name| name == INDEX_FILE)
                && starts_with(&dir.join(PACK_FILE), PACK_MAGIC)
                && names.iter().all(|name| {
                    [PACK_FILE, LOG_FILE].contains(&name.as_str())
                        || name.starts_with(&format!("{INDEX_FILE}.tmp-"))
                        || name.starts_with(&format!("{PACK_FILE}.tmp-"))
                });
            if ours || pack_alone || names.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{} is not empty and is not a warta cache; choose an empty or new folder for --cache",
                    dir.display()
                ))
            }
        }
    }
}

fn starts_with(file: &Path, magic: &[u8]) -> bool {
    let mut start = vec![0; magic.len()];
    fs::File::open(file)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok()
        && start == magic
}
