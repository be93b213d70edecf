//! Bad input: each problem is an error naming the file, line and column,
//! the build exits 1, every problem of the run is reported, and the
//! previous output is left exactly as it was.

mod common;

use common::{Run, Site, tree};

const SITE: &str = "title: T\nlanguages: [id, en]\n";

fn news(title: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2020-07-15\ndirectorate: dayasos\n---\n\nIsi.\n")
}

/// Builds a site holding one good page plus `files`, and expects failure.
fn failing(files: &[(&str, &str)]) -> (Site, Run) {
    let site = Site::new(SITE);
    site.write("content/news/baik.id.md", &news("Baik"));
    for (path, text) in files {
        site.write(path, text);
    }
    let run = site.run(&["build"]);
    assert_eq!(
        run.status, 1,
        "expected exit 1:\n{}\n{}",
        run.stderr, run.stdout
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.output().exists(), "a failed build wrote output");
    (site, run)
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let (_, run) = failing(&[(
        "content/news/a.id.md",
        "---\ntitle: \"open\ndate: 2020-07-15\n---\n",
    )]);
    run.assert_error_line(&["error: content/news/a.id.md:2:", "malformed YAML"]);
}

#[test]
fn front_matter_not_closed() {
    let (_, run) = failing(&[(
        "content/news/a.id.md",
        "---\ntitle: A\n\nBody without a closing line.\n",
    )]);
    run.assert_error_line(&["error: content/news/a.id.md:1:1: front matter is not closed"]);
}

#[test]
fn missing_required_keys() {
    let (_, run) = failing(&[("content/news/a.id.md", "---\nplace: Bekasi\n---\n")]);
    run.assert_error_line(&["error: content/news/a.id.md:1:1: missing required key `title`"]);
    run.assert_error_line(&["content/news/a.id.md:1:1: missing required key `date`"]);
    run.assert_error_line(&["content/news/a.id.md:1:1: missing required key `directorate`"]);
}

#[test]
fn unknown_key_is_named() {
    let (_, run) = failing(&[(
        "content/news/a.id.md",
        "---\ntitle: A\ndate: 2020-07-15\ndirectorate: d\nauthor: Someone\n---\n",
    )]);
    run.assert_error_line(&["error: content/news/a.id.md:5:1: unknown key `author`"]);
}

#[test]
fn a_date_that_is_not_a_date() {
    let (_, run) = failing(&[(
        "content/news/a.id.md",
        "---\ntitle: A\ndate: 15 Juli 2020\ndirectorate: d\n---\n",
    )]);
    run.assert_error_line(&["error: content/news/a.id.md:3:7: `date: 15 Juli 2020` is not a date"]);
}

#[test]
fn a_language_suffix_not_in_languages() {
    let (_, run) = failing(&[("content/news/a.fr.md", &news("A"))]);
    run.assert_error_line(&[
        "error: content/news/a.fr.md: language suffix `.fr` is not one of `languages`",
    ]);
}

#[test]
fn two_files_with_one_key_and_language_name_both() {
    let (_, run) = failing(&[(
        "content/news/lain.id.md",
        "---\ntitle: Lain\ndate: 2020-07-16\ndirectorate: d\ntranslation_key: baik\n---\n",
    )]);
    run.assert_error_line(&[
        "content/news/baik.id.md",
        "content/news/lain.id.md",
        "are both the `id` version of `baik`",
    ]);
}

#[test]
fn two_pages_that_would_write_the_same_url() {
    let (_, run) = failing(&[("content/news/2021-01-01-baik.id.md", &news("Juga baik"))]);
    run.assert_error_line(&[
        "content/news/baik.id.md",
        "content/news/2021-01-01-baik.id.md",
        "/id/berita/baik/",
    ]);
}

#[test]
fn three_pages_on_one_url_name_the_first_in_each_error() {
    let (_, run) = failing(&[
        ("content/news/2021-01-01-baik.id.md", &news("Juga baik")),
        ("content/news/2022-01-01-baik.id.md", &news("Baik lagi")),
    ]);
    let collisions: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("would both be written to /id/berita/baik/"))
        .collect();
    assert_eq!(collisions.len(), 2, "{}", run.stderr);
    // Files are read in name order, so the dated 2021 file comes first.
    for line in collisions {
        assert!(
            line.contains("content/news/2021-01-01-baik.id.md and content/news/"),
            "{line}"
        );
    }
}

#[test]
fn a_page_slug_that_takes_a_generated_url() {
    let (_, run) = failing(&[(
        "content/pages/x.id.md",
        "---\ntitle: X\nslug: berita\n---\n",
    )]);
    run.assert_error_line(&["content/pages/x.id.md", "the `id` news list", "/id/berita/"]);
}

#[test]
fn slugs_that_are_not_one_plain_segment() {
    for (i, slug) in ["../x", "a/b", "/etc", "a\\\\b"].iter().enumerate() {
        let path = format!("content/pages/p{i}.id.md");
        let (_, run) = failing(&[(&path, &format!("---\ntitle: P\nslug: \"{slug}\"\n---\n"))]);
        run.assert_error_line(&[
            &format!("error: {path}:3:7: `slug:"),
            "must be one plain URL segment",
        ]);
    }
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = Site::new(SITE);
    site.write_bytes("content/news/a.id.md", b"---\ntitle: Caf\xe9\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&[
        "error: content/news/a.id.md:2:11: invalid byte: the file is not UTF-8",
    ]);
}

#[test]
fn a_link_to_a_missing_content_file() {
    let (_, run) = failing(&[(
        "content/news/a.id.md",
        "---\ntitle: A\ndate: 2020-07-15\ndirectorate: d\n---\n\nLihat [ini](tidak-ada.id.md).\n",
    )]);
    run.assert_error_line(&["error: content/news/a.id.md:7:7: link to `tidak-ada.id.md`"]);
}

#[test]
fn every_error_of_the_run_is_reported() {
    let (_, run) = failing(&[
        ("content/news/a.id.md", "---\ntitle: A\n"),
        (
            "content/news/b.id.md",
            "---\ntitle: B\ndate: kemarin\ndirectorate: d\n---\n",
        ),
        ("content/news/c.xx.md", &news("C")),
        ("content/pages/d.en.md", "---\ntitle: D\ncolour: red\n---\n"),
        (
            "content/pages/e.en.md",
            "---\ntitle: E\n---\n\n[x](nope.en.md)\n",
        ),
    ]);
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(errors, 5, "{}", run.stderr);
    assert!(
        run.stdout.contains("build failed: 5 errors"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_site_yaml_is_named() {
    let site = Site::new("title: T\nlanguages: [id, en]\ncolour: red\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&["error: site.yaml:3:1: unknown key `colour`"]);

    let site = Site::new("title: T\npaginate: many\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&["error: site.yaml:2:11:"]);
}

#[test]
fn a_missing_site_yaml_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--site"])
        .arg(dir.path())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error: site.yaml: no site.yaml"));
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let (_, run) = failing(&[(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}",
    )]);
    run.assert_error_line(&["error: templates/page.html:"]);
}

#[test]
fn a_wrong_command_line_exits_2() {
    let site = Site::new(SITE);
    assert_eq!(site.run(&["build", "--no-such-flag"]).status, 2);
    assert_eq!(site.run(&["frobnicate"]).status, 2);
}

#[test]
fn a_failed_build_leaves_the_old_output_untouched() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let before = tree(&site.output());
    site.write(
        "content/news/2020-07-23-renstra.id.md",
        "---\ntitle: Rusak\ndate: bukan tanggal\n---\n",
    );
    site.write(
        "content/pages/new.id.md",
        "---\ntitle: Baru\n---\n\nBaru.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.contains("was left as it was"), "{}", run.stdout);
    assert!(
        tree(&site.output()) == before,
        "the failed build changed the output"
    );
    // And nothing was left beside it.
    let siblings: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.warta-"))
        .collect();
    assert!(siblings.is_empty(), "{siblings:?}");
}

#[test]
fn the_site_folder_is_never_replaced_by_the_output() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["build", "--output", site.path().to_str().unwrap()]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&["would replace the site's own files"]);
    assert!(site.path().join("site.yaml").exists());
}

/// Runs `warta <args>` in `dir`.
fn run_in(dir: &std::path::Path, args: &[&str]) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run warta");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn paths_are_relative_to_the_current_folder_with_site_from_elsewhere() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("situs");
    std::fs::create_dir_all(site.join("content/news")).unwrap();
    std::fs::write(site.join("site.yaml"), SITE).unwrap();
    std::fs::write(site.join("content/news/baik.id.md"), news("Baik")).unwrap();
    let check = run_in(root.path(), &["check", "--site", "situs"]);
    assert_eq!(check.status, 0, "{}", check.stderr);
    check.assert_error_line(&[
        "warning: situs/content/news/baik.id.md:",
        "`warta translate --site situs situs/content/news/baik.id.md --to en` starts one",
    ]);
    let json = run_in(
        root.path(),
        &["check", "--site", "situs", "--format", "json"],
    );
    assert!(
        json.stdout
            .contains("\"path\": \"situs/content/news/baik.id.md\""),
        "{}",
        json.stdout
    );
    std::fs::write(
        site.join("content/news/rusak.id.md"),
        "---\ntitle: R\ndate: 2020-07-15\ndirectorate: d\nwarna: merah\n---\n",
    )
    .unwrap();
    let build = run_in(root.path(), &["build", "--site", "situs"]);
    assert_eq!(build.status, 1, "{}", build.stderr);
    build.assert_error_line(&["error: situs/content/news/rusak.id.md:5:1: unknown key `warna`"]);
    // Run from inside the site, the paths are the site's own.
    let inside = run_in(&site, &["build"]);
    inside.assert_error_line(&["error: content/news/rusak.id.md:5:1:"]);
    // The suggested command works as printed.
    std::fs::remove_file(site.join("content/news/rusak.id.md")).unwrap();
    let translate = run_in(
        root.path(),
        &[
            "translate",
            "--site",
            "situs",
            "situs/content/news/baik.id.md",
            "--to",
            "en",
        ],
    );
    assert_eq!(translate.status, 0, "{}", translate.stderr);
}

#[test]
fn many_problems_of_one_kind_in_one_file_are_counted_after_the_first_five() {
    let body = "[x](hilang.md) ".repeat(30_000);
    let (site, run) = failing(&[(
        "content/news/a.id.md",
        &format!("---\ntitle: A\ndate: 2020-07-15\ndirectorate: d\n---\n\n{body}\n"),
    )]);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("content/news/a.id.md"))
        .collect();
    assert_eq!(
        lines.len(),
        6,
        "{}",
        &run.stderr[..run.stderr.len().min(3000)]
    );
    assert_eq!(
        lines[5],
        "error: content/news/a.id.md: 29995 more errors like the 5 above (link.broken) not shown; `warta check --format json` lists every one"
    );
    // JSON is for tools: every problem is there.
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(
        json.stdout.matches("\"code\": \"link.broken\"").count(),
        30_000
    );
}
