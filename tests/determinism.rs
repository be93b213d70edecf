//! The same input gives byte-identical output: built twice, from copies
//! whose files were created on disk in opposite orders, and with one
//! thread or many.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::tree;

/// Every file under `dir`, relative, sorted.
fn files_of(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).expect("inside").to_path_buf())
        .collect()
}

/// Copies `files` (name, bytes) into a new folder in the given order, so
/// that the directory entries are created in that order.
fn lay_out(files: &[(PathBuf, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    dir
}

fn build(site: &Path, threads: Option<usize>, search: bool) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("public");
    let mut command = Command::new(env!("CARGO_BIN_EXE_warta"));
    command
        .args(["build", "--quiet", "--site"])
        .arg(site)
        .arg("--output")
        .arg(&output);
    if !search {
        command.arg("--no-search");
    }
    if let Some(threads) = threads {
        command.env("RAYON_NUM_THREADS", threads.to_string());
    }
    let result = command.output().expect("run warta");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    tree(&output)
}

/// Builds `files` laid out in sorted order with one thread, in reverse
/// order with four, and in sorted order again with the default, and
/// expects the same bytes every time.
fn assert_deterministic(mut files: Vec<(PathBuf, Vec<u8>)>, search: bool) {
    files.sort();
    let forward = lay_out(&files);
    files.reverse();
    let backward = lay_out(&files);
    let one = build(forward.path(), Some(1), search);
    let many = build(backward.path(), Some(4), search);
    let again = build(forward.path(), None, search);
    assert!(one.len() > 10, "only {} files", one.len());
    for (name, other) in [
        ("4 threads, reversed files", &many),
        ("second build", &again),
    ] {
        let differing: Vec<&String> = one
            .keys()
            .chain(other.keys())
            .filter(|k| one.get(*k) != other.get(*k))
            .collect();
        assert!(
            differing.is_empty(),
            "{name}: {} files differ, first: {:?}",
            differing.len(),
            differing.iter().take(5).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_example_site_builds_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["content", "locales", "static", "templates"] {
        for rel in files_of(&root.join(dir)) {
            let rel = Path::new(dir).join(rel);
            files.push((rel.clone(), std::fs::read(root.join(&rel)).expect("read")));
        }
    }
    files.push((
        "site.yaml".into(),
        std::fs::read(root.join("site.yaml")).unwrap(),
    ));
    // With the search index: it is part of the output too.
    assert_deterministic(files, true);
}

#[test]
fn a_generated_site_of_a_thousand_stories_builds_byte_identical() {
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![(
        "site.yaml".into(),
        b"title: Uji\nbase_url: https://example.org/\nlanguages: [id, en]\npaginate: 20\n".to_vec(),
    )];
    let directorates = ["dayasos", "rehsos", "linjamsos", "pfm", "setjen"];
    let tags = ["anak", "lansia", "bencana", "disabilitas", "pangan", "data"];
    for n in 0..1000 {
        let date = format!("20{:02}-{:02}-{:02}", 18 + n % 6, n % 12 + 1, n % 28 + 1);
        let front = format!(
            "date: {date}\ndirectorate: {}\nevent: kegiatan-{}\nprograms: [atensi]\ntags: [{}, {}]\n",
            directorates[n % 5],
            n / 8,
            tags[n % 6],
            tags[(n / 6) % 6]
        );
        let body = format!(
            "Berita nomor {n} tentang [program](../programs/atensi.id.md).\n\n## Rincian\n\n- satu\n- dua\n\n| a | b |\n|---|---|\n| {n} | x |\n"
        );
        files.push((
            format!("content/news/{date}-berita-{n:04}.id.md").into(),
            format!("---\ntitle: Berita {n}\n{front}---\n\n{body}").into_bytes(),
        ));
        if n % 5 != 0 {
            files.push((
                format!("content/news/{date}-berita-{n:04}.en.md").into(),
                format!("---\ntitle: Story {n}\n{front}---\n\nStory {n}.\n").into_bytes(),
            ));
        }
    }
    files.push((
        "content/programs/atensi.id.md".into(),
        b"---\ntitle: ATENSI\n---\n\nProgram.\n".to_vec(),
    ));
    assert_deterministic(files, false);
}
