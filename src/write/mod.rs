//! Stage 4 of the build: **write**. Pages go into a fresh staging folder
//! beside the output; only when the whole build succeeded is it swapped
//! in for the old output (an atomic exchange on Linux), so a failed or
//! killed build leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub mod search;

use crate::diagnostics::Diagnostic;
use crate::render::Output;

/// The folder a build writes into before it becomes the output.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

/// Why the output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "--output {0} would replace the site's own files; choose a folder inside or beside the site, such as public/"
    )]
    Unsafe(PathBuf),
    #[error("cannot prepare the output folder {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

impl Staging {
    /// Creates an empty staging folder for `target`, after removing the
    /// leftovers of builds that were killed before they could clean up.
    /// Refuses a target that holds the site itself.
    pub fn create(target: &Path, site: &Path) -> Result<Staging, OutputError> {
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Io { path, source }
        };
        let site_abs = absolute(site);
        let target_abs = absolute(target);
        let protected = ["content", "templates", "static", "locales"].map(|d| site_abs.join(d));
        if site_abs.starts_with(&target_abs)
            || protected.iter().any(|p| target_abs.starts_with(p))
            || target_abs.parent().is_none()
        {
            return Err(OutputError::Unsafe(target.to_path_buf()));
        }
        let parent = target_abs
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let prefix = staging_prefix(&target_abs);
        remove_stale(&parent, &prefix);
        let dir = parent.join(format!("{prefix}tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_error(&dir))?;
        Ok(Staging {
            dir,
            target: target_abs,
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Copies a file of the site into the staging folder. `overwrite`
    /// false makes a file that a page already took an error.
    pub fn copy_in(&self, from: &Path, to: &str, overwrite: bool) -> Result<(), Diagnostic> {
        let destination = self.dir.join(to);
        if !overwrite && destination.exists() {
            return Err(Diagnostic::error(
                "output.duplicate-url",
                from,
                format!("would overwrite the generated /{to}; rename or move the file"),
            ));
        }
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
    /// output.
    pub fn commit(self) -> io::Result<()> {
        let old = self.dir.with_file_name(format!(
            "{}old-{}",
            staging_prefix(&self.target),
            std::process::id()
        ));
        if self.target.exists() {
            if exchange(&self.dir, &self.target).is_ok() {
                // The staging path now holds the old output.
                return fs::remove_dir_all(&self.dir);
            }
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.dir, &self.target) {
                // Put the old output back before reporting.
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            fs::remove_dir_all(&old)
        } else {
            fs::rename(&self.dir, &self.target)
        }
    }

    /// Removes the staging folder; the output stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Output for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let destination = self.dir.join(path);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(destination, bytes)
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

/// `.public.warta-` for `…/public`: staging folders are hidden siblings.
fn staging_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    format!(".{name}.warta-")
}

/// Removes `<prefix>tmp-<pid>` and `<prefix>old-<pid>` folders whose
/// process is gone.
fn remove_stale(parent: &Path, prefix: &str) {
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
fn absolute(path: &Path) -> PathBuf {
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

    #[test]
    fn commit_replaces_the_old_output_and_leaves_no_staging() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        fs::create_dir_all(&site).unwrap();
        let target = site.join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let staging = Staging::create(&target, &site).unwrap();
        staging.put("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = fs::read_dir(&site)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn abandon_keeps_the_old_output() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let staging = Staging::create(&target, root.path().join("site").as_path()).unwrap();
        staging.put("index.html", b"new").unwrap();
        staging.abandon();
        assert_eq!(fs::read_to_string(target.join("old.html")).unwrap(), "old");
        assert!(!target.join("index.html").exists());
    }

    #[test]
    fn the_site_itself_is_never_the_output() {
        let root = tempfile::tempdir().unwrap();
        assert!(matches!(
            Staging::create(root.path(), root.path()),
            Err(OutputError::Unsafe(_))
        ));
        let content = root.path().join("content");
        assert!(matches!(
            Staging::create(&content, root.path()),
            Err(OutputError::Unsafe(_))
        ));
    }
}
