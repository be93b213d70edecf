//! The translator's and editor's commands: check, status, translate, new
//! and init, through the binary as a user runs them.

mod common;

use common::Site;

const RENSTRA: &str = "content/news/2020-07-23-renstra.id.md";

#[test]
fn check_reports_missing_translations_as_warnings_and_strict_makes_them_errors() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        &format!("warning: {RENSTRA}: no `en` translation"),
        "warta translate",
    ]);
    assert!(run.stdout.contains("0 errors,"), "{}", run.stdout);
    assert!(!site.output().exists(), "check must not write output");

    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.status, 1);
    strict.assert_error_line(&[&format!("error: {RENSTRA}: no `en` translation")]);
}

#[test]
fn check_reports_build_errors_fluent_errors_term_names_and_missing_alt_text() {
    let site = Site::fixture("bilingual");
    site.write("locales/id/site.ftl", "ok = baik\nrusak = { $x\n");
    site.write(
        "content/pages/x.id.md",
        "---\ntitle: X\n---\n\n![](../news/foto-fgd.jpg)\n\n[hilang](hilang.id.md)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&["error: locales/id/site.ftl:2:1: Fluent syntax error"]);
    run.assert_error_line(&["error: content/pages/x.id.md:7:1: link to `hilang.id.md`"]);
    run.assert_error_line(&["warning: content/pages/x.id.md:5:1: image without alt text"]);
    run.assert_error_line(&[
        "warning: content/directorates: directorate `dayasos` has no name in `en`",
        "dayasos.en.md",
    ]);
    // A message only one language has.
    run.assert_error_line(&["warning: locales/en: message `ok` has no `en` text"]);
}

#[test]
fn check_reads_every_body_for_broken_links() {
    let site = Site::fixture("bilingual");
    // The middle one of three news items in the language: `check` renders
    // only some pages through the built-in templates, but reads all bodies.
    let text = std::fs::read_to_string(site.path().join(RENSTRA)).unwrap();
    site.write(RENSTRA, &format!("{text}\n[rencana](rencana.id.md)\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&[&format!("error: {RENSTRA}:"), "link to `rencana.id.md`"]);
}

#[test]
fn check_renders_every_page_through_a_site_template() {
    let site = Site::fixture("bilingual");
    let builtin = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates/news-item.html"
    ))
    .unwrap();
    // An error that only one page's data triggers, on the template's
    // third line.
    let template = builtin.replacen(
        "{% block main %}\n",
        "{% block main %}\n{% if page.title == \"Renstra Pemberdayaan Sosial 2020-2024\" %}{{ page.no_such_key }}{% endif %}\n",
        1,
    );
    assert_ne!(template, builtin);
    site.write("templates/news-item.html", &template);
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.status, 1, "{command}: {}", run.stderr);
        run.assert_error_line(&["error: templates/news-item.html:3:", "`no_such_key`"]);
    }
    // The same text as the built-in template is no override.
    site.write("templates/news-item.html", &builtin);
    assert_eq!(site.run(&["check"]).status, 0);
}

#[test]
fn check_prints_json_for_tools() {
    let site = Site::fixture("bilingual");
    site.write("content/pages/y.en.md", "---\ntitle: Y\ncolour: red\n---\n");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.status, 1);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON array");
    let unknown = items
        .iter()
        .find(|d| d["code"] == "yaml.unknown-key")
        .expect("the unknown key");
    assert_eq!(unknown["severity"], "error");
    assert_eq!(unknown["path"], "content/pages/y.en.md");
    assert_eq!(unknown["line"], 3);
    assert_eq!(unknown["column"], 1);
    assert!(unknown["message"].as_str().unwrap().contains("`colour`"));
    assert!(
        items
            .iter()
            .any(|d| d["code"] == "translation.missing" && d["severity"] == "warning")
    );
}

#[test]
fn translate_writes_a_stub_and_check_follows_it_from_stale_to_fresh() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["translate", RENSTRA, "--to", "en"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let target = "content/news/2020-07-23-renstra.en.md";
    assert_eq!(run.stdout.trim(), target);
    let stub = std::fs::read_to_string(site.path().join(target)).unwrap();
    assert!(stub.starts_with("---\ntitle: Renstra Pemberdayaan Sosial 2020-2024\ndate: 2020-07-23\nplace: Jakarta\ndirectorate: dayasos\ntranslator:\ntranslation_of: {lang: id, hash: "), "{stub}");
    assert!(stub.contains("draft: true\n---\n\n<!-- warta: translate"));
    assert!(stub.contains("Rencana strategis disusun di Jakarta."));
    // Never overwrites.
    let again = site.run(&["translate", RENSTRA, "--to", "en"]);
    assert_eq!(again.status, 1);
    again.assert_error_line(&["already has a `en` translation"]);

    // The translator finishes: no marker, no draft.
    let done = stub
        .replace("draft: true\n", "")
        .replace(
            "title: Renstra Pemberdayaan Sosial 2020-2024",
            "title: Social Empowerment Strategic Plan",
        )
        .replace(
            "Rencana strategis disusun di Jakarta.",
            "The strategic plan was drawn up in Jakarta.",
        );
    let done: String = done
        .lines()
        .filter(|l| !l.starts_with("<!-- warta"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(target, &done);
    let fresh = site.run(&["check"]);
    assert!(
        !fresh.stderr.contains("translation.stale") && !fresh.stderr.contains("stale translation"),
        "{}",
        fresh.stderr
    );
    assert!(
        !fresh
            .stderr
            .contains(&format!("{RENSTRA}: no `en` translation"))
    );

    // The source changes: the translation is stale until refreshed.
    let source = std::fs::read_to_string(site.path().join(RENSTRA)).unwrap();
    site.write(
        RENSTRA,
        &source.replace(
            "Peta jalan harus sederhana.",
            "Peta jalan harus sederhana dan terukur.",
        ),
    );
    let stale = site.run(&["check"]);
    stale.assert_error_line(&[&format!(
        "warning: {target}: stale translation: `{RENSTRA}` changed"
    )]);
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.status, 1);
    let status = site.run(&["status", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(report[1]["lang"], "en");
    assert_eq!(report[1]["stale"][0]["path"], target);

    let refresh = site.run(&["translate", "--refresh", target]);
    assert_eq!(refresh.status, 0, "{}", refresh.stderr);
    let after = site.run(&["check"]);
    assert!(
        !after.stderr.contains("stale translation"),
        "{}",
        after.stderr
    );
}

#[test]
fn translate_with_a_slug_pairs_the_files_by_translation_key() {
    let site = Site::fixture("bilingual");
    let run = site.run(&[
        "translate",
        RENSTRA,
        "--to",
        "en",
        "--slug",
        "strategic-plan",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let stub =
        std::fs::read_to_string(site.path().join("content/news/strategic-plan.en.md")).unwrap();
    assert!(stub.contains("translation_key: 2020-07-23-renstra\n"));
    let source = std::fs::read_to_string(site.path().join(RENSTRA)).unwrap();
    assert!(
        source.contains("translation_key: 2020-07-23-renstra\n"),
        "{source}"
    );
    // Published, the two are one pair.
    assert_eq!(site.run(&["build", "--drafts"]).status, 0);
    let en = site.read("en/news/strategic-plan/index.html");
    assert!(en.contains(r#"hreflang="id" href="https://example.org/id/berita/renstra/""#));
}

#[test]
fn translate_carries_every_credit_into_the_stub() {
    let site = Site::fixture("bilingual");
    let source = std::fs::read_to_string(site.path().join(RENSTRA)).unwrap();
    let credits = "writer: Humas Dayasos\nphotographer: [Rudi Hartono, Sinta Dewi]\n";
    site.write(
        RENSTRA,
        &source.replacen(
            "directorate: dayasos\n",
            &format!("directorate: dayasos\n{credits}"),
            1,
        ),
    );
    let run = site.run(&["translate", RENSTRA, "--to", "en"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let stub =
        std::fs::read_to_string(site.path().join("content/news/2020-07-23-renstra.en.md")).unwrap();
    assert!(stub.contains(credits), "{stub}");
}

// #16 point 10: a stub links the target language's pages where they
// exist, and leaves the translator's credit to the translator.
#[test]
fn translate_links_the_target_languages_pages_and_leaves_the_translator_out() {
    let site = Site::fixture("bilingual");
    let source = "content/news/2020-08-01-baru.id.md";
    site.write(
        source,
        "---\ntitle: Baru\ndate: 2020-08-01\ndirectorate: dayasos\nwriter: Humas\ntranslator: Penerjemah Lama\n---\n\nLihat [pilar](../programs/pilar-sosial.id.md#x), [FGD][fgd], [renstra](2020-07-23-renstra.id.md) dan [foto](foto-fgd.jpg).\n\n[fgd]: 2020-07-15-fgd.id.md\n",
    );
    let run = site.run(&["translate", source, "--to", "en"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let stub =
        std::fs::read_to_string(site.path().join("content/news/2020-08-01-baru.en.md")).unwrap();
    assert!(
        stub.contains("[pilar](../programs/pilar-sosial.en.md#x)"),
        "{stub}"
    );
    assert!(stub.contains("[fgd]: 2020-07-15-fgd.en.md\n"), "{stub}");
    // No English version: the link stays, as does a photo.
    assert!(
        stub.contains("[renstra](2020-07-23-renstra.id.md) dan [foto](foto-fgd.jpg)"),
        "{stub}"
    );
    assert!(stub.contains("writer: Humas\n"), "{stub}");
    assert!(!stub.contains("Penerjemah Lama"), "{stub}");
    assert!(stub.contains("\ntranslator:\n"), "{stub}");
}

#[test]
fn check_warns_about_a_link_to_another_languages_page_that_has_a_version_in_this_one() {
    let site = Site::fixture("bilingual");
    let en = "content/news/2020-07-15-fgd.en.md";
    let text = std::fs::read_to_string(site.path().join(en)).unwrap();
    site.write(
        en,
        &format!("{text}\nAlso [the plan](2020-07-23-renstra.id.md) and [in Indonesian](../programs/pilar-sosial.id.md).\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        &format!("warning: {en}:14:"),
        "`../programs/pilar-sosial.id.md`",
        "link `../programs/pilar-sosial.en.md`",
    ]);
    // The plan has no English version: linking the Indonesian one is right.
    assert!(
        !run.stderr.contains("`2020-07-23-renstra.id.md` leads"),
        "{}",
        run.stderr
    );
}

#[test]
fn translate_refuses_what_it_cannot_do() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["translate", RENSTRA, "--to", "fr"]);
    assert_eq!(run.status, 1);
    run.assert_error_line(&["`fr` is not one of `languages`"]);
    assert_eq!(
        site.run(&["translate", "content/news/nope.id.md", "--to", "en"])
            .status,
        1
    );
    assert_eq!(
        site.run(&["translate", RENSTRA]).status,
        2,
        "--to is required"
    );
}

#[test]
fn status_counts_and_lists_per_language() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["status"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["language", "pages", "translated", "missing", "stale"]
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["id", "5", "5", "0", "0"]
    );
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        ["en", "4", "4", "1", "0"]
    );
    assert!(run.stdout.contains("missing in en (1):"));
    assert!(run.stdout.contains("2020-07-23  news          Renstra Pemberdayaan Sosial 2020-2024  (content/news/2020-07-23-renstra.id.md)"), "{}", run.stdout);
}

#[test]
fn new_creates_a_file_that_check_flags_until_the_directorate_is_set() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["new", "news", "Rapat Koordinasi: PSM 2024"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let today = jiff::Zoned::now().date();
    let path = format!("content/news/{today}-rapat-koordinasi-psm-2024.id.md");
    assert_eq!(run.stdout.trim(), path);
    let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
    assert!(
        text.starts_with(&format!(
            "---\ntitle: \"Rapat Koordinasi: PSM 2024\"\ndate: {today}\n"
        )),
        "{text}"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status, 1);
    check.assert_error_line(&[
        &path,
        "`directorate` is empty: name the directorate",
        "this site has: dayasos, rehsos",
    ]);
    let en = site.run(&["new", "pages", "Contact", "--lang", "en"]);
    assert_eq!(en.stdout.trim(), "content/pages/contact.en.md");
    assert_eq!(
        site.run(&["new", "pages", "Contact", "--lang", "en"])
            .status,
        1,
        "never overwrites"
    );
    assert_eq!(site.run(&["new", "blog", "X"]).status, 1);
}

#[test]
fn init_makes_a_site_that_builds_and_passes_check_without_warnings() {
    let root = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["init", "situs", "--site"])
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let dir = root.path().join("situs");
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    for line in ["/public/", "/.warta-cache/"] {
        assert!(ignored.lines().any(|l| l == line), "{ignored}");
    }
    let warta = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(args)
            .arg("--site")
            .arg(&dir)
            .output()
            .unwrap()
    };
    let check = warta(&["check"]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&check.stderr),
        "",
        "check must be silent"
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("0 errors, 0 warnings"));
    let build = warta(&["build"]);
    assert_eq!(build.status.code(), Some(0));
    assert!(dir.join("public/id/index.html").exists());
    // Not into a folder that has files.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["init", "situs", "--site"])
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn import_writes_news_items_and_reports_what_it_could_not_find() {
    let site = Site::fixture("bilingual");
    let release = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/en-credit-blocks-and-list.txt");
    let run = site.run(&["import", release.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let path = run.stdout.trim().to_string();
    assert!(
        path.starts_with("content/news/2021-03-05-volunteer-training") && path.ends_with(".en.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
    assert!(text.starts_with("---\ntitle: \"Volunteer Training: Ready Before Disasters\"\ndate: 2021-03-05\nplace: \"Semarang\"\n"), "{text}");
    run.assert_error_line(&[&format!("warning: {path}: add `directorate:`")]);
    // warta never guesses the directorate: check stops until it is added.
    let check = site.run(&["check"]);
    check.assert_error_line(&[&path, "missing required key `directorate`"]);
    // Never overwrites.
    let again = site.run(&["import", release.to_str().unwrap()]);
    assert_eq!(again.status, 1);
    again.assert_error_line(&["exists already"]);
}

/// A translator relies on `status`: a page that fails to parse is listed
/// as an error, and the command fails.
#[test]
fn status_names_the_files_it_cannot_read_and_fails() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/news/2020-10-01-rusak.en.md",
        "---\ntitle: \"unclosed\ndate: 2020-10-01\n---\n\nText.\n",
    );
    let run = site.run(&["status"]);
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    run.assert_error_line(&["error:", "content/news/2020-10-01-rusak.en.md"]);
    assert!(
        run.stdout.contains("language"),
        "the table is still shown: {}",
        run.stdout
    );
    // With JSON, the report on standard output and the errors as JSON on
    // standard error.
    let run = site.run(&["status", "--format", "json"]);
    assert_eq!(run.status, 1);
    let _: serde_json::Value = serde_json::from_str(&run.stdout).expect("the report");
    let errors: serde_json::Value = serde_json::from_str(&run.stderr).expect("the errors");
    assert_eq!(errors[0]["path"], "content/news/2020-10-01-rusak.en.md");
    assert_eq!(errors[0]["severity"], "error");
}

// #16 point 11: a term page that fails to load is not also missing: no
// "has no name", no `warta translate` into a file that exists, and
// `status` does not list it as missing.
#[test]
fn a_term_page_that_fails_to_load_is_not_also_reported_missing() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/directorates/dayasos.en.md",
        "---\ntitle: Social Empowerment\n---\n\nText.\n",
    );
    site.write(
        "content/directorates/dayasos.id.md",
        "---\ntitle: Pemberdayaan Sosial\ncolour: red\n---\n\nTeks.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&["error: content/directorates/dayasos.id.md:3:", "colour"]);
    assert!(
        !run.stderr.contains("`dayasos` has no name in `id`"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("dayasos.en.md --to id"),
        "{}",
        run.stderr
    );
    let status = site.run(&["status"]);
    assert!(
        !status.stdout.contains("content/directorates/dayasos.en.md"),
        "{}",
        status.stdout
    );
    assert!(
        !status.stdout.contains("missing in id"),
        "{}",
        status.stdout
    );
}

// Under `untranslated: hide` a term with no news in a language has no page
// there, and its missing name in that language shows nowhere.
#[test]
fn check_names_a_term_only_in_the_languages_it_shows_in() {
    let site = Site::fixture("bilingual");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}untranslated: hide\n"));
    let text = std::fs::read_to_string(site.path().join(RENSTRA)).unwrap();
    site.write(
        RENSTRA,
        &text.replacen("place:", "tags: [renstra]\nplace:", 1),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&["warning:", "tag `renstra` has no name in `id`"]);
    assert!(
        !run.stderr.contains("tag `renstra` has no name in `en`"),
        "{}",
        run.stderr
    );
}
