//! Helpers shared by the integration tests: a site in a temporary folder,
//! built by the real `warta` binary, with its output read back.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A site folder that is removed when the test ends.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What one run of `warta` did.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts that stderr has a line containing all `parts`.
    pub fn assert_error_line(&self, parts: &[&str]) {
        assert!(
            self.stderr
                .lines()
                .any(|line| parts.iter().all(|p| line.contains(p))),
            "no stderr line contains all of {parts:?}:\n{}",
            self.stderr
        );
    }
}

impl Site {
    /// An empty site with the given `site.yaml`.
    pub fn new(site_yaml: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.yaml", site_yaml);
        site
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_tree(&from, site.path());
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
        self
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path().join(rel)).expect("remove");
    }

    /// Runs `warta <args> --site <this site>` in the site folder, so that
    /// diagnostics name files relative to it.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_warta"));
        command
            .args(args)
            .arg("--site")
            .arg(self.path())
            .current_dir(self.path());
        let output = command.output().expect("run warta");
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Builds and asserts success.
    pub fn build_ok(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(
            run.status, 0,
            "build failed:\n{}\n{}",
            run.stderr, run.stdout
        );
        run
    }

    pub fn output(&self) -> PathBuf {
        self.path().join("public")
    }

    /// A file of `public/`, as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.output().join(rel).exists()
    }
}

/// A real photo, `jpg` or `png`, small so that its versions are quick to
/// make, and different for each `n`.
pub fn photo(n: u32, format: &str) -> Vec<u8> {
    photo_sized(16 + n % 40, 12 + n % 30, n, format)
}

/// A real photo of `width` × `height` pixels, `jpg` or `png`.
pub fn photo_sized(width: u32, height: u32, n: u32, format: &str) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7 + n) as u8, (y * 5) as u8, (n * 3) as u8])
    });
    let format = match format {
        "png" => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .expect("encode a photo");
    bytes
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, fs::read(entry.path()).expect("read"));
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The `href` of every `<link rel="alternate" hreflang=...>` in a page.
pub fn alternates(html: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in html
        .lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
    {
        let lang = between(line, "hreflang=\"", "\"");
        let href = between(line, "href=\"", "\"");
        out.insert(lang.to_string(), href.to_string());
    }
    out
}

/// The text between the first `start` and the next `end`.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .map(|i| i + start.len())
        .unwrap_or_else(|| panic!("no {start:?} in {text}"));
    let to = text[from..]
        .find(end)
        .map(|i| from + i)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..to]
}
