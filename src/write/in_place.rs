//! Updating warta's previous output in place, all or nothing: the new and
//! changed files are first written into a staging folder beside the
//! output; only when the whole build succeeded is a journal written that
//! lists them and the files to remove, and then applied. A build killed
//! while applying leaves the journal, and the next build finishes it
//! (`recover`) before it looks at the output.
//!
//! The staging folder is flat (files named by number): most outputs are
//! `…/index.html` in a folder of their own, and mirroring the tree would
//! cost a folder created and removed per file, which is most of the
//! update's time on ext4.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::staging_prefix;
use crate::model::FileStamp;
use crate::render::Output;

/// What a journal holds: where the staged files are, which to move in
/// (the staged file's number, the output path), which to remove.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    staging: PathBuf,
    puts: Vec<(usize, String)>,
    removes: Vec<String>,
}

/// An update of an output folder, being staged.
pub struct InPlaceUpdate {
    root: PathBuf,
    staging: PathBuf,
    next: AtomicUsize,
    puts: Mutex<Vec<(usize, String)>>,
}

impl InPlaceUpdate {
    /// Starts an update of `root` (an existing output folder of warta's,
    /// absolute), after finishing any update a killed build left.
    pub fn begin(root: &Path) -> io::Result<InPlaceUpdate> {
        recover(root)?;
        let parent = root.parent().unwrap_or(Path::new("/"));
        super::remove_stale(parent, &staging_prefix(root), root);
        let staging = parent.join(format!(
            "{}tmp-{}",
            staging_prefix(root),
            std::process::id()
        ));
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir(&staging)?;
        Ok(InPlaceUpdate {
            root: root.to_path_buf(),
            staging,
            next: AtomicUsize::new(0),
            puts: Mutex::new(Vec::new()),
        })
    }

    /// Stages the file for `path` with `write`, which is given where.
    fn stage<T>(&self, path: &str, write: impl FnOnce(&Path) -> io::Result<T>) -> io::Result<T> {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        let written = write(&self.staging.join(number.to_string()))?;
        self.puts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((number, path.to_string()));
        Ok(written)
    }

    /// Stages one output file; gives its stamp, which moving it into
    /// place keeps, for the cache.
    pub fn put_stamped(&self, path: &str, bytes: &[u8]) -> io::Result<Option<FileStamp>> {
        self.stage(path, |staged| super::write_stamped(staged, bytes))
    }

    /// Stages a copy of a site file.
    pub fn copy_in(&self, from: &Path, to: &str) -> io::Result<()> {
        self.stage(to, |staged| fs::copy(from, staged).map(|_| ()))
    }

    /// The bytes `path` will have once the update is applied: the staged
    /// file when it was staged, else the output's own.
    pub fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let staged = self
            .puts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .rev()
            .find(|(_, p)| p == path)
            .map(|(number, _)| *number);
        match staged {
            Some(number) => fs::read(self.staging.join(number.to_string())),
            None => fs::read(self.root.join(path)),
        }
    }

    /// Moves the staged files into the output and removes `removes`.
    /// Returns the paths written.
    pub fn commit(self, removes: Vec<String>) -> io::Result<Vec<String>> {
        let mut puts = self.puts.into_inner().unwrap_or_else(|p| p.into_inner());
        // A path staged twice takes its last version.
        puts.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        puts.dedup_by(|later, first| later.1 == first.1);
        let written = puts.iter().map(|(_, path)| path.clone()).collect();
        let journal = Journal {
            staging: self.staging.clone(),
            puts,
            removes,
        };
        let path = journal_path(&self.root);
        let temporary = path.with_extension("tmp");
        let text = serde_json::to_vec(&journal).map_err(io::Error::other)?;
        let mut file = fs::File::create(&temporary)?;
        io::Write::write_all(&mut file, &text)?;
        file.sync_all()?;
        fs::rename(&temporary, &path)?;
        apply(&self.root, &journal)?;
        let _ = fs::remove_file(&path);
        Ok(written)
    }

    /// Drops the staged files; the output stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

impl Output for InPlaceUpdate {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.stage(path, |staged| fs::write(staged, bytes))
    }
}

/// `.public.warta-journal` beside `…/public`.
fn journal_path(root: &Path) -> PathBuf {
    let parent = root.parent().unwrap_or(Path::new("/"));
    parent.join(format!("{}journal", staging_prefix(root)))
}

/// Finishes the update a killed build left in `root`'s journal, if any.
pub fn recover(root: &Path) -> io::Result<()> {
    let path = journal_path(root);
    let text = match fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    // A journal is renamed into place whole; one that does not parse was
    // never complete, and nothing of it was applied.
    if let Ok(journal) = serde_json::from_slice::<Journal>(&text) {
        apply(root, &journal)?;
    }
    fs::remove_file(&path)
}

/// Moves every staged file that is still staged into place, removes the
/// files to remove, then the staging folder. Running it twice is
/// harmless.
fn apply(root: &Path, journal: &Journal) -> io::Result<()> {
    for (number, path) in &journal.puts {
        let staged = journal.staging.join(number.to_string());
        let destination = root.join(path);
        // Most destinations' folders exist: create them only when the
        // move says they do not.
        match fs::rename(&staged, &destination) {
            Ok(()) => continue,
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            Err(_) => {}
        }
        if !staged.exists() {
            // Moved in by the run this one finishes.
            continue;
        }
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(&staged, &destination)?;
    }
    for path in &journal.removes {
        let file = root.join(path);
        match fs::remove_file(&file) {
            Ok(()) => remove_empty_parents(root, &file),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let _ = fs::remove_dir_all(&journal.staging);
    Ok(())
}

/// Removes the folders above `file` that are left empty, up to `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(dir) = folder {
        if dir == root || !dir.starts_with(root) || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_staged_file_keeps_the_stamp_writing_gave_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        fs::create_dir_all(root.join("a")).unwrap();
        fs::write(root.join("a/index.html"), "lama").unwrap();
        let update = InPlaceUpdate::begin(&root).unwrap();
        let replaced = update.put_stamped("a/index.html", b"baru").unwrap();
        let added = update.put_stamped("b/c/index.html", b"baru juga").unwrap();
        update.commit(Vec::new()).unwrap();
        let folder = crate::model::StampsIn::open(&root);
        assert!(replaced.is_some() && added.is_some());
        assert_eq!(replaced, folder.stamp("a/index.html"));
        assert_eq!(added, folder.stamp("b/c/index.html"));
    }

    #[test]
    fn an_update_applies_all_or_is_finished_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        fs::create_dir_all(root.join("old")).unwrap();
        fs::write(root.join("old/index.html"), "old").unwrap();
        fs::write(root.join("keep.html"), "keep").unwrap();
        let update = InPlaceUpdate::begin(&root).unwrap();
        update.put("new/index.html", b"new").unwrap();
        update.put("keep.html", b"kept, first").unwrap();
        update.put("keep.html", b"kept, changed").unwrap();
        // Nothing reaches the output before the commit, but the update
        // reads what it will write.
        assert_eq!(fs::read_to_string(root.join("keep.html")).unwrap(), "keep");
        assert_eq!(update.read("keep.html").unwrap(), b"kept, changed");
        assert_eq!(update.read("old/index.html").unwrap(), b"old");
        update.commit(vec!["old/index.html".into()]).unwrap();
        assert_eq!(
            fs::read_to_string(root.join("new/index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(root.join("keep.html")).unwrap(),
            "kept, changed"
        );
        assert!(!root.join("old").exists(), "an emptied folder goes too");

        // A journal left by a killed build is finished by the next.
        let staging = dir.path().join(".public.warta-tmp-1");
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("0"), "late").unwrap();
        let journal = Journal {
            staging,
            puts: vec![(0, "late.html".into()), (1, "applied/index.html".into())],
            removes: vec!["keep.html".into()],
        };
        fs::write(journal_path(&root), serde_json::to_vec(&journal).unwrap()).unwrap();
        InPlaceUpdate::begin(&root).unwrap().abandon();
        assert_eq!(fs::read_to_string(root.join("late.html")).unwrap(), "late");
        assert!(!root.join("keep.html").exists());
        assert!(!journal_path(&root).exists());
    }
}
