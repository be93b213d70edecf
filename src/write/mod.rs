//! Stage 4 of the build: **write**. Pages go into a fresh staging folder
//! beside the output; only when the whole build succeeded is it swapped
//! in for the old output (an atomic exchange on Linux), so a failed or
//! killed build leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub mod in_place;
pub mod search;

use crate::diagnostics::Diagnostic;
use crate::layout::{CONFIG_FILE, OUTPUT_DIR, OUTPUT_MARKER, OUTPUT_MARKER_TEXT, SOURCE_DIRS};
use crate::model::FileStamp;
use crate::render::Output;

/// The folder a build writes into before it becomes the output.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

/// Why the output folder cannot be used. Each is found before anything
/// is written, so the output and everything around it stay as they were.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "--output {0} would replace the site's own files; choose a folder inside or beside the site, such as public/"
    )]
    Unsafe(PathBuf),
    #[error(
        "{0} is a file, not a folder; warta writes a site into a folder of its own: rename or remove the file, or choose another --output"
    )]
    NotAFolder(PathBuf),
    #[error(
        "--output {path} is {what}; warta never replaces it, not even with --force: choose a folder of its own, such as public/"
    )]
    NeverReplaced { path: PathBuf, what: &'static str },
    #[error(
        "{0} is not empty and was not written by warta (it has no {marker} file); warta replaces its output folder as a whole, so it refuses to: move those files away, choose another --output, or pass --force to replace the folder and everything in it",
        marker = OUTPUT_MARKER
    )]
    NotWartaOutput(PathBuf),
    #[error("cannot prepare the output folder {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Why a finished build could not become the output.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// Nothing changed: the old output is where it was.
    #[error("cannot replace the output folder: {0}")]
    Untouched(io::Error),
    /// The old output was moved aside and could not be put back.
    #[error(
        "cannot replace the output folder ({error}), and the previous output could not be moved back: it is at {previous}"
    )]
    Displaced { error: io::Error, previous: PathBuf },
}

impl Staging {
    /// Creates an empty staging folder for `target`, after removing the
    /// leftovers of builds that were killed before they could clean up.
    /// Refuses, before touching anything, a target that holds the site
    /// itself or its sources, one that is a file, and a non-empty folder
    /// that is not warta's output (unless `force`).
    pub fn create(target: &Path, site: &Path, force: bool) -> Result<Staging, OutputError> {
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Io { path, source }
        };
        let target_abs = check_target(target, site, force)?;
        let parent = target_abs
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        // Finish an in-place update a killed build left before anything
        // that looks like leftovers is removed.
        in_place::recover(&target_abs).map_err(io_error(&target_abs))?;
        let prefix = staging_prefix(&target_abs);
        remove_stale(&parent, &prefix, &target_abs);
        let dir = parent.join(format!("{prefix}tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_error(&dir))?;
        let marker = dir.join(OUTPUT_MARKER);
        fs::write(&marker, OUTPUT_MARKER_TEXT).map_err(io_error(&marker))?;
        Ok(Staging {
            dir,
            target: target_abs,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Copies a file of the site into the staging folder.
    pub fn copy_in(&self, from: &Path, to: &str) -> Result<(), Diagnostic> {
        let destination = self.dir.join(to);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error("output.write", from, format!("cannot write /{to}: {e}"))
            })?;
        }
        fs::copy(from, &destination).map(|_| ()).map_err(|e| {
            Diagnostic::error("output.write", from, format!("cannot copy to /{to}: {e}"))
        })
    }

    /// Replaces the output with the staging folder, then removes the old
    /// output. Once the new output is in place, a failure to delete the
    /// old one is no error: the next build removes what is left.
    pub fn commit(self) -> Result<(), CommitError> {
        let carried = carry(&self.target, &self.dir);
        let result = self.swap();
        // A failed swap gives the repository back to the folder that is
        // the output now.
        match &result {
            Ok(()) => {}
            Err(CommitError::Untouched(_)) => {
                carry_back(&carried, &self.dir, &self.target);
            }
            Err(CommitError::Displaced { previous, .. }) => {
                carry_back(&carried, &self.dir, previous);
            }
        }
        result
    }

    fn swap(&self) -> Result<(), CommitError> {
        let old = self.dir.with_file_name(format!(
            "{}old-{}",
            staging_prefix(&self.target),
            std::process::id()
        ));
        if self.target.is_dir() {
            if exchange(&self.dir, &self.target).is_ok() {
                // The staging path now holds the old output.
                let _ = fs::remove_dir_all(&self.dir);
                return Ok(());
            }
            fs::rename(&self.target, &old).map_err(CommitError::Untouched)?;
            if let Err(error) = fs::rename(&self.dir, &self.target) {
                // Put the old output back before reporting.
                return match fs::rename(&old, &self.target) {
                    Ok(()) => Err(CommitError::Untouched(error)),
                    Err(_) => Err(CommitError::Displaced {
                        error,
                        previous: old,
                    }),
                };
            }
            let _ = fs::remove_dir_all(&old);
            Ok(())
        } else {
            fs::rename(&self.dir, &self.target).map_err(CommitError::Untouched)
        }
    }

    /// Removes the staging folder; the output stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }

    /// Writes one output file; gives its stamp, for the cache.
    pub fn put_stamped(&self, path: &str, bytes: &[u8]) -> io::Result<Option<FileStamp>> {
        write_stamped(&self.destination(path)?, bytes)
    }

    /// Where output `path` goes in the staging folder, its folder made.
    fn destination(&self, path: &str) -> io::Result<PathBuf> {
        let destination = self.dir.join(path);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(destination)
    }
}

impl Output for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.destination(path)?, bytes)
    }
}

/// Writes `bytes` to a new file at `path` and gives the file's stamp,
/// read from the open file: the cache records every file a build writes,
/// and looking each one up again by its path took about 30 ms of a
/// 10,000-story build (`--timings`, "cache"). A rename into place keeps
/// the stamp. Only where the kernel sets a file's time as it is written
/// (Unix): Windows may move it when the file is closed, so there the path
/// is looked up once the file is in place.
pub(crate) fn write_stamped(path: &Path, bytes: &[u8]) -> io::Result<Option<FileStamp>> {
    let mut file = fs::File::create(path)?;
    io::Write::write_all(&mut file, bytes)?;
    if cfg!(unix) {
        Ok(FileStamp::of(&file.metadata()?))
    } else {
        Ok(None)
    }
}

/// Writes files straight into an existing output folder, each through a
/// temporary file and a rename, so that a reader never gets half a file.
/// For `serve`'s incremental rebuilds.
pub struct InPlace {
    pub root: PathBuf,
}

impl InPlace {
    /// Removes an output file that no page writes any more.
    pub fn remove(&self, path: &str) {
        let _ = fs::remove_file(self.root.join(path));
    }

    /// Removes a folder of outputs with everything in it (a part of the
    /// search index that is gone).
    pub fn remove_folder(&self, folder: &str) {
        let _ = fs::remove_dir_all(self.root.join(folder));
    }
}

impl Output for InPlace {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let destination = self.root.join(path);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)?;
        }
        let temporary = destination.with_extension("warta-partial");
        fs::write(&temporary, bytes)?;
        fs::rename(&temporary, &destination)
    }
}

/// The absolute output folder, once it is known to be safe to replace.
pub fn check_target(target: &Path, site: &Path, force: bool) -> Result<PathBuf, OutputError> {
    let site_abs = absolute(site);
    let target_abs = absolute(target);
    let protected_file = site_abs.join(CONFIG_FILE);
    if site_abs.starts_with(&target_abs)
        || target_abs == protected_file
        || SOURCE_DIRS
            .iter()
            .any(|d| target_abs.starts_with(site_abs.join(d)))
        || target_abs.parent().is_none()
    {
        return Err(OutputError::Unsafe(target.to_path_buf()));
    }
    match fs::metadata(&target_abs) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(target_abs),
        Err(source) => Err(OutputError::Io {
            path: target.to_path_buf(),
            source,
        }),
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotAFolder(target.to_path_buf())),
        Ok(_) if let Some(what) = never_replaced(&target_abs) => Err(OutputError::NeverReplaced {
            path: target.to_path_buf(),
            what,
        }),
        Ok(_) if is_warta_output(&target_abs) => Ok(target_abs),
        Ok(_) if dir_holds(&target_abs, ".git") => Err(OutputError::NeverReplaced {
            path: target.to_path_buf(),
            what: "a project under version control (it has a .git folder)",
        }),
        Ok(_) if force => Ok(target_abs),
        Ok(_) => {
            let mut entries = fs::read_dir(&target_abs).map_err(|source| OutputError::Io {
                path: target.to_path_buf(),
                source,
            })?;
            if entries.next().is_none() {
                Ok(target_abs)
            } else {
                Err(OutputError::NotWartaOutput(target.to_path_buf()))
            }
        }
    }
}

/// What makes a folder that warta did not write one that `--force`
/// still does not replace: a mistyped `--output ~ --force` must not cost
/// a home folder, nor `--output .. --force` a project.
fn never_replaced(dir: &Path) -> Option<&'static str> {
    let home = std::env::var_os("HOME").map(|h| absolute(Path::new(&h)));
    if home.is_some_and(|home| home.starts_with(dir)) {
        return Some("your home folder, or a folder that holds it");
    }
    let current = std::env::current_dir().map(|c| absolute(&c));
    if current.is_ok_and(|current| current.starts_with(dir)) {
        return Some("the current folder, or a folder that holds it");
    }
    if dir_holds(dir, CONFIG_FILE) {
        return Some("a site (it has a site.yaml)");
    }
    None
}

fn dir_holds(dir: &Path, name: &str) -> bool {
    fs::symlink_metadata(dir.join(name)).is_ok()
}

/// A folder warta wrote: it holds the marker as a regular file.
pub fn is_warta_output(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(OUTPUT_MARKER)).is_ok_and(|m| m.is_file())
}

/// What the user keeps inside the output folder, which a build moves into
/// the new output instead of replacing: a repository
/// (`cd public && git init`, to publish on GitHub Pages).
const KEPT_IN_OUTPUT: &[&str] = &[".git"];

/// Moves what is kept from the old output `from` into the new one `to`;
/// returns what it moved.
fn carry(from: &Path, to: &Path) -> Vec<&'static str> {
    KEPT_IN_OUTPUT
        .iter()
        .filter(|name| {
            fs::symlink_metadata(from.join(name)).is_ok()
                && fs::symlink_metadata(to.join(name)).is_err()
                && fs::rename(from.join(name), to.join(name)).is_ok()
        })
        .copied()
        .collect()
}

fn carry_back(carried: &[&str], from: &Path, to: &Path) {
    for name in carried {
        let _ = fs::rename(from.join(name), to.join(name));
    }
}

/// `.public.warta-` for `…/public`: staging folders are hidden siblings.
pub(crate) fn staging_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| OUTPUT_DIR.into());
    format!(".{name}.warta-")
}

/// Removes `<prefix>tmp-<pid>` and `<prefix>old-<pid>` folders whose
/// process is gone.
fn remove_stale(parent: &Path, prefix: &str, target: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && (pid == std::process::id() || !process_alive(pid))
        {
            // A build killed between carrying the repository over and the
            // swap left it here: it goes back, never with the leftovers.
            carry(&entry.path(), target);
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    // Without /proc we cannot tell; keep the folder rather than delete
    // another build's work.
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

/// An absolute path without requiring it to exist.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Canonicalize the part that exists so that symlinks compare right.
    match (
        joined.parent().and_then(|p| p.canonicalize().ok()),
        joined.file_name(),
    ) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder as an earlier build left it: the marker and one page.
    fn earlier_output(target: &Path) {
        fs::create_dir_all(target).unwrap();
        fs::write(target.join(OUTPUT_MARKER), OUTPUT_MARKER_TEXT).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
    }

    #[test]
    fn commit_replaces_the_old_output_and_leaves_no_staging() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        fs::create_dir_all(&site).unwrap();
        let target = site.join("public");
        earlier_output(&target);
        let staging = Staging::create(&target, &site, false).unwrap();
        staging.put("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(is_warta_output(&target));
        let leftovers: Vec<_> = fs::read_dir(&site)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    #[cfg(unix)]
    fn a_written_file_keeps_the_stamp_writing_gave_it() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        fs::create_dir_all(&site).unwrap();
        let target = site.join("public");
        let staging = Staging::create(&target, &site, false).unwrap();
        let given = staging.put_stamped("a/b/index.html", b"halaman").unwrap();
        staging.commit().unwrap();
        let found = crate::model::StampsIn::open(&target).stamp("a/b/index.html");
        assert!(given.is_some());
        assert_eq!(given, found);
    }

    #[test]
    fn abandon_keeps_the_old_output() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        earlier_output(&target);
        let staging = Staging::create(&target, root.path().join("site").as_path(), false).unwrap();
        staging.put("index.html", b"new").unwrap();
        staging.abandon();
        assert_eq!(fs::read_to_string(target.join("old.html")).unwrap(), "old");
        assert!(!target.join("index.html").exists());
    }

    #[test]
    fn the_site_itself_is_never_the_output() {
        let root = tempfile::tempdir().unwrap();
        for target in [
            root.path().to_path_buf(),
            root.path().join("content"),
            root.path().join("static/sub"),
            root.path().join("site.yaml"),
        ] {
            assert!(
                matches!(
                    Staging::create(&target, root.path(), true),
                    Err(OutputError::Unsafe(_))
                ),
                "{}",
                target.display()
            );
        }
    }

    #[test]
    fn a_file_is_never_the_output_even_with_force() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("notes.txt");
        fs::write(&file, "mine").unwrap();
        let result = Staging::create(&file, &root.path().join("site"), true);
        assert!(matches!(result, Err(OutputError::NotAFolder(_))));
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
        // Nothing was created beside it either.
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_of_other_files_needs_force() {
        let root = tempfile::tempdir().unwrap();
        let docs = root.path().join("docs");
        fs::create_dir_all(&docs).unwrap();
        fs::write(docs.join("thesis.docx"), "x").unwrap();
        let site = root.path().join("site");
        assert!(matches!(
            Staging::create(&docs, &site, false),
            Err(OutputError::NotWartaOutput(_))
        ));
        assert!(docs.join("thesis.docx").exists());
        // An empty folder, and with --force a full one, may be replaced.
        let empty = root.path().join("empty");
        fs::create_dir_all(&empty).unwrap();
        Staging::create(&empty, &site, false).unwrap().abandon();
        Staging::create(&docs, &site, true).unwrap().abandon();
    }
}
