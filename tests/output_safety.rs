//! What `warta build` may replace: only a folder it wrote itself (it holds
//! the `.warta-output` marker), an empty folder, or a new one. Never a
//! file, never the site's own files, never a folder of someone else's
//! files without `--force`; and the summary line tells the truth about
//! what happened to the output.

mod common;

use std::fs;

use common::{Run, Site, tree};

const MARKER: &str = ".warta-output";

fn build_into(site: &Site, output: &str, extra: &[&str]) -> Run {
    let target = site.path().join(output);
    let target = target.to_str().expect("UTF-8 path");
    let mut args = vec!["build", "--no-search", "--output", target];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// Every file of the site folder with its bytes, but the output's.
fn site_files(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(site.path())
        .into_iter()
        .filter(|(path, _)| !path.starts_with("public/"))
        .collect()
}

#[test]
fn a_file_is_never_replaced_by_the_output() {
    let site = Site::fixture("bilingual");
    site.write("notes.txt", "my notes\n");
    site.build_ok();
    let before = site_files(&site);
    for output in ["site.yaml", "notes.txt", "public/index.html"] {
        let run = build_into(&site, output, &[]);
        assert_eq!(run.status, 1, "--output {output}:\n{}", run.stderr);
        run.assert_error_line(&["error:", output]);
        assert!(
            run.stderr.contains("is a file, not a folder")
                || run.stderr.contains("would replace the site's own files"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.contains("was left as it was"), "{}", run.stdout);
        assert_eq!(
            site_files(&site),
            before,
            "--output {output} touched the site"
        );
        let hidden: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".public.warta-"))
            .collect();
        assert!(hidden.is_empty(), "left beside the output: {hidden:?}");
    }
    // A later build still works: site.yaml is still the site's file.
    site.build_ok();
}

#[test]
fn a_file_named_public_is_refused_even_with_force() {
    let site = Site::fixture("bilingual");
    site.write("public", "not a folder\n");
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["build", "--no-search"];
        args.extend_from_slice(extra);
        let run = site.run(&args);
        assert_eq!(run.status, 1, "{}", run.stderr);
        run.assert_error_line(&["public", "is a file, not a folder"]);
        assert_eq!(
            fs::read_to_string(site.path().join("public")).unwrap(),
            "not a folder\n"
        );
    }
}

#[test]
fn a_folder_of_other_files_is_kept_unless_forced() {
    let site = Site::fixture("bilingual");
    site.write("docs/thesis.docx", "x");
    let run = build_into(&site, "docs", &[]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&["docs", "not written by warta", "--force"]);
    assert!(
        run.stdout.contains("docs was left as it was"),
        "{}",
        run.stdout
    );
    assert_eq!(site_files(&site)["docs/thesis.docx"], b"x");

    let run = build_into(&site, "docs", &["--force"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!site.path().join("docs/thesis.docx").exists());
    assert!(site.path().join("docs").join(MARKER).is_file());
}

#[test]
fn warta_replaces_its_own_output_and_an_empty_folder() {
    let site = Site::fixture("bilingual");
    fs::create_dir_all(site.path().join("public")).unwrap();
    site.build_ok();
    assert!(site.exists(MARKER), "every output holds the marker");
    assert!(site.read(MARKER).contains("warta"));
    site.write("public/stray.html", "left by hand");
    // With the cache, a rebuild updates the folder in place (only what it
    // wrote is its business); without, it replaces the folder whole.
    let run = site.run(&["build", "--no-cache"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        !site.exists("stray.html"),
        "a rebuild replaces its own output"
    );
}

#[test]
fn an_unmarked_output_of_an_older_build_needs_force_once() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    fs::remove_file(site.output().join(MARKER)).unwrap();
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&["public", "not written by warta"]);
    assert!(site.exists("index.html"), "the old output stays");
    let run = site.run(&["build", "--no-search", "--force"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    site.build_ok();
}

#[test]
fn a_failed_build_into_a_new_folder_says_nothing_was_written() {
    let site = Site::fixture("bilingual");
    site.write("content/news/rusak.id.md", "---\ntitle: [\n---\n");
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.contains("nothing was written to"),
        "{}",
        run.stdout
    );
    assert!(!site.output().exists());
}

// What `--force` still never replaces, whatever is in it: a mistyped
// `--output ~ --force` must not cost a home folder (a hostile probe of
// this very suite replaced one), nor `--output .. --force` a project.
#[test]
fn force_never_replaces_a_home_folder_a_project_another_site_or_the_current_folder() {
    let site = Site::fixture("bilingual");
    let outside = tempfile::tempdir().unwrap();
    let folder = |name: &str, files: &[&str]| {
        let dir = outside.path().join(name);
        for file in files {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "mine\n").unwrap();
        }
        dir
    };
    let home = folder("home", &[".bashrc", ".cargo/bin/cargo"]);
    let project = folder("project", &[".git/HEAD", "README"]);
    let other_site = folder("other", &["site.yaml", "content/news/x.id.md"]);
    let here = folder("here", &["notes.txt"]);
    let cases = [
        (&home, site.path(), "your home folder"),
        (
            &outside.path().to_path_buf(),
            site.path(),
            "your home folder, or a folder that holds it",
        ),
        (&project, site.path(), "a project under version control"),
        (&other_site, site.path(), "a site (it has a site.yaml)"),
        (&here, here.as_path(), "the current folder"),
    ];
    for (output, current, what) in cases {
        let before = tree(outside.path());
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["build", "--no-search", "--force", "--site"])
            .arg(site.path())
            .arg("--output")
            .arg(output)
            .env("HOME", &home)
            .current_dir(current)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "--output {output:?}: {stderr}");
        assert!(
            stderr.contains(what) && stderr.contains("not even with --force"),
            "--output {output:?}: {stderr}"
        );
        assert_eq!(
            tree(outside.path()),
            before,
            "--output {output:?} touched files"
        );
    }
    // Any other folder of someone else's files is replaced with --force,
    // as documented.
    let scratch = folder("scratch", &["old.html"]);
    let run = build_into(&site, scratch.to_str().unwrap(), &["--force"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(scratch.join(MARKER).is_file());
    assert!(!scratch.join("old.html").exists());
}

// A folder that warta wrote is no less a home folder: the marker does not
// lift the refusals `--force` cannot lift.
#[test]
fn a_marked_home_folder_is_still_refused() {
    let site = Site::fixture("bilingual");
    let outside = tempfile::tempdir().unwrap();
    let home = outside.path().join("home");
    fs::create_dir_all(&home).unwrap();
    fs::write(home.join(".bashrc"), "mine\n").unwrap();
    fs::write(home.join(MARKER), "copied by hand\n").unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--no-search", "--site"])
        .arg(site.path())
        .arg("--output")
        .arg(&home)
        .env("HOME", &home)
        .current_dir(site.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("your home folder"));
    assert!(home.join(".bashrc").is_file());
}

// `cd public && git init`, to publish on GitHub Pages: the repository is
// the user's and stays, through builds that write a new output and
// through cached updates in place; a folder of someone else's files with
// a repository is refused, even with `--force`.
#[test]
fn a_repository_in_the_output_is_kept() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    fs::create_dir_all(site.output().join(".git/refs")).unwrap();
    fs::write(site.output().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    for args in [
        &["build", "--no-search"][..],
        &["build"],
        &["build", "--no-cache"],
    ] {
        site.write(
            "content/news/2020-07-15-fgd.en.md",
            &format!(
                "{}\nOne more line {}.\n",
                fs::read_to_string(site.path().join("content/news/2020-07-15-fgd.en.md")).unwrap(),
                args.len()
            ),
        );
        let run = site.run(args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        assert_eq!(
            fs::read_to_string(site.output().join(".git/HEAD")).unwrap(),
            "ref: refs/heads/main\n",
            "{args:?}"
        );
    }
    let other = tempfile::tempdir().unwrap();
    fs::create_dir_all(other.path().join(".git")).unwrap();
    fs::write(other.path().join("index.html"), "theirs").unwrap();
    let run = build_into(&site, other.path().to_str().unwrap(), &["--force"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("under version control"),
        "{}",
        run.stderr
    );
    assert!(other.path().join("index.html").is_file());
}
