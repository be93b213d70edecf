//! The build plan's path checks: what `build` would hit at the write
//! stage is found before anything is written, by `check` as well, and
//! names the content file (at its `slug:` line when a slug gave the
//! path) or site.yaml that caused it.

mod common;

use common::{Run, Site};

const NEWS: &str = "content/news/2020-07-15-fgd.id.md";

fn with_slug(site: &Site, slug: &str) {
    let text = std::fs::read_to_string(site.path().join(NEWS)).unwrap();
    site.write(
        NEWS,
        &text.replacen("---\n", &format!("---\nslug: \"{slug}\"\n"), 1),
    );
}

/// Both `check` and `build` fail with a line containing all `parts`, and
/// the build writes nothing.
fn refused_by_check_and_build(site: &Site, parts: &[&str]) -> Run {
    let check = site.run(&["check"]);
    assert_eq!(check.status, 1, "check passed:\n{}", check.stderr);
    check.assert_error_line(parts);
    let build = site.run(&["build", "--no-search"]);
    assert_eq!(build.status, 1, "build passed:\n{}", build.stderr);
    build.assert_error_line(parts);
    assert!(
        !build.stderr.contains("os error"),
        "no OS error reaches the user: {}",
        build.stderr
    );
    assert!(!site.output().exists());
    build
}

#[test]
fn a_page_in_pages_with_the_slug_of_a_feed() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/pages/feed.id.md",
        "---\ntitle: Umpan\nslug: atom.xml\n---\n\nTeks.\n",
    );
    refused_by_check_and_build(
        &site,
        &[
            "error:",
            // At the `slug:` line.
            "content/pages/feed.id.md:3:",
            "/id/atom.xml",
            "needs a folder",
        ],
    );
}

#[test]
fn a_slug_index_html_collides_with_the_home_page_file() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/pages/home.id.md",
        "---\ntitle: Beranda\nslug: index.html\n---\n\nTeks.\n",
    );
    refused_by_check_and_build(
        &site,
        &["error:", "content/pages/home.id.md:3:", "/id/index.html"],
    );
}

#[test]
fn a_section_named_like_a_feed_is_named_in_site_yaml() {
    let site = Site::fixture("bilingual");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{yaml}sections:\n  news: {{ id: atom.xml, en: news }}\n"),
    );
    refused_by_check_and_build(&site, &["error: site.yaml", "/id/atom.xml"]);
}

#[test]
fn a_slug_too_long_for_a_file_system() {
    let site = Site::fixture("bilingual");
    with_slug(&site, &"a".repeat(300));
    let at_slug = format!("{NEWS}:2:");
    refused_by_check_and_build(&site, &["error:", &at_slug, "300 bytes", "at most 255"]);
}

#[test]
fn a_static_file_where_a_page_goes() {
    let site = Site::fixture("bilingual");
    site.write("static/id/index.html", "<p>mine</p>");
    refused_by_check_and_build(
        &site,
        &[
            "error:",
            "static/id/index.html",
            "would both be written to /id/index.html",
        ],
    );
}

#[test]
fn names_that_differ_only_in_case() {
    let site = Site::fixture("bilingual");
    site.write("static/images/Logo.png", "other logo");
    refused_by_check_and_build(&site, &["error:", "static/images", "differ only in case"]);
}

#[test]
fn every_output_of_a_build_is_in_the_plan_and_nothing_else() {
    // The planned outputs are what the build writes: a build with a
    // stray file in the old output removes it, and the page count in the
    // summary is the plan's.
    let site = Site::fixture("bilingual");
    let run = site.build_ok();
    assert!(run.stdout.contains("built "), "{}", run.stdout);
    for file in [
        ".warta-output",
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "id/atom.xml",
        "en/atom.xml",
        "warta.css",
        "images/logo.png",
        "files/news/foto-fgd.jpg",
        "id/berita/fgd/index.html",
    ] {
        assert!(site.exists(file), "{file} is missing");
    }
}
