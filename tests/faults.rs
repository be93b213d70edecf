//! Faults: a build killed with SIGKILL while it writes leaves the previous
//! output intact, the next build succeeds, and the leftovers of killed
//! builds are cleared instead of piling up.

#![cfg(unix)]

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Site, tree};

/// A site with enough pages that writing them takes a while.
fn big_site(stories: usize) -> Site {
    let site = Site::new("title: T\nbase_url: https://example.org/\nlanguages: [id, en]\n");
    let body = "Paragraf berita dengan beberapa kalimat isi. ".repeat(40);
    for n in 0..stories {
        site.write(
            &format!("content/news/2020-01-01-berita-{n:05}.id.md"),
            &format!(
                "---\ntitle: Berita {n}\ndate: 2020-01-{:02}\ndirectorate: dayasos\ntags: [t{}]\n---\n\n{body}\n\n## Bagian\n\n{body}\n",
                n % 28 + 1,
                n % 7
            ),
        );
    }
    site
}

/// Names of the build's temporary folders beside the output.
fn leftovers(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.path())
        .expect("site folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.warta-"))
        .collect()
}

/// Starts a build and SIGKILLs it once its staging folder holds files.
/// Returns false when the build finished before it could be killed.
fn kill_while_writing(site: &Site) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--no-search", "--quiet", "--site"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run warta");
    let staging = site
        .path()
        .join(format!(".public.warta-tmp-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        let writing = std::fs::read_dir(&staging)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(false);
        if writing {
            child.kill().expect("SIGKILL");
            child.wait().expect("reap");
            return true;
        }
        assert!(Instant::now() < deadline, "the build never started writing");
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn sigkill_while_writing_leaves_the_previous_output() {
    let site = big_site(1500);
    site.build_ok();
    let before = tree(&site.output());
    // A change, so that the killed build would have written something new.
    site.write(
        "content/news/2020-02-01-baru.id.md",
        "---\ntitle: Baru\ndate: 2020-02-01\ndirectorate: dayasos\n---\n\nBaru.\n",
    );

    let mut killed = 0;
    for _ in 0..3 {
        if kill_while_writing(&site) {
            killed += 1;
            assert!(
                tree(&site.output()) == before,
                "a killed build changed the previous output"
            );
        }
    }
    assert!(killed > 0, "no build could be killed part-way");
    // Each build first clears the folders of builds that died, so killed
    // builds leave at most one folder, not one each.
    assert_eq!(leftovers(&site).len(), 1, "{:?}", leftovers(&site));

    // The next build succeeds, publishes the change and clears what the
    // killed builds left behind.
    site.build_ok();
    assert!(site.exists("id/berita/baru/index.html"));
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A cached build into the previous output, killed at moments spread over
/// its run: the output is the old one or, when the kill came while the
/// update was moved in, is finished by the next build; the cache stays
/// usable; and the final output is a clean build's.
#[test]
fn sigkill_during_a_cached_build_leaves_the_output_and_a_usable_cache() {
    let site = big_site(600);
    let build = || site.run(&["build", "--no-search"]);
    assert_eq!(build().status, 0);
    let before = tree(&site.output());
    for n in 0..3 {
        site.write(
            &format!("content/news/2020-03-0{}-baru-{n}.id.md", n + 1),
            &format!(
                "---\ntitle: Baru {n}\ndate: 2020-03-0{}\ndirectorate: dayasos\n---\n\nBaru.\n",
                n + 1
            ),
        );
    }
    let journal = site.path().join(".public.warta-journal");
    // What the edited site gives, built apart without the cache.
    let reference = tempfile::tempdir().unwrap();
    let reference_out = reference.path().join("out");
    let run = site.run(&[
        "build",
        "--no-search",
        "--no-cache",
        "--output",
        reference_out.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let after = tree(&reference_out);
    let mut interrupted = 0;
    for delay_ms in [5u64, 20, 40, 60, 90, 130, 180, 250] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["build", "--no-search", "--quiet", "--site"])
            .arg(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run warta");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().expect("wait").is_some();
        let _ = child.kill();
        child.wait().expect("reap");
        if finished {
            break;
        }
        interrupted += 1;
        // Nothing was moved in yet, or all of it (the kill came after the
        // update), or the journal says what is left to move.
        let now = tree(&site.output());
        assert!(
            now == before || now == after || journal.exists(),
            "a killed build left a half-updated output without a journal (after {delay_ms} ms)"
        );
    }
    let run = build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("cache was ignored"),
        "the cache was not usable: {}",
        run.stderr
    );
    assert!(!journal.exists());
    let clean = tempfile::tempdir().unwrap();
    let out = clean.path().join("out");
    let reference = site.run(&[
        "build",
        "--no-search",
        "--no-cache",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(reference.status, 0, "{}", reference.stderr);
    let (ours, theirs) = (tree(&site.output()), tree(&out));
    let differing: Vec<&String> = ours
        .keys()
        .chain(theirs.keys())
        .filter(|p| ours.get(*p) != theirs.get(*p))
        .collect();
    assert!(
        differing.is_empty(),
        "the output differs from a clean build: {differing:?}"
    );
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    eprintln!("{interrupted} builds interrupted");
}
